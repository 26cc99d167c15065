import ArgumentParser
import KassaApp
import KassaCore

/// `kassa mailing edit ID [--channel C] [--template T | --text T | --html FILE] [--subject S] [--name N] [SELECTION]`
struct MailingEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a saved mailing while no message of it has left: its message, name, channel or selection.",
        discussion: "Selection options, when any are given, replace the mailing's whole selection; --all-customers clears it."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The mailing's number or name.") var mailing: String
    @Option(help: "sms or email.") var channel: Channel?
    @OptionGroup var content: MailingContentOptions
    @Option(help: "A new name.") var name: String?
    @OptionGroup var selection: SelectionOptions
    @Flag(name: .customLong("all-customers"), help: "Clear the selection: every customer (consent still applies).")
    var allCustomers = false
    @Flag(help: "Print the changed mailing as JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            try shop.withMailingService { service in
                let newSelection = try selection.selection()
                if allCustomers, newSelection != CustomerSelection() {
                    throw CommandFailure("--all-customers cannot be combined with selection options")
                }
                let changed = try service.update(mailing) { draft in
                    if let channel { draft.channel = channel }
                    if let name { draft.name = name }
                    try content.apply(to: &draft.content)
                    if allCustomers {
                        draft.selection = CustomerSelection()
                    } else if newSelection != CustomerSelection() {
                        draft.selection = newSelection
                        if let purpose = newSelection.purpose { draft.purpose = purpose }
                    }
                }
                if json { return try Output.json(MailingView(changed)) }
                Output.line("Changed mailing \(changed.displayName).")
            }
        }
    }
}
