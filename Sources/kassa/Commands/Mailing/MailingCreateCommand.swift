import ArgumentParser
import KassaApp
import KassaCore

/// `kassa mailing create --channel sms|email (--template NAME | --text TEXT | --html FILE) [--subject S] [--name N] [SELECTION]`
struct MailingCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Save a mailing: its message, and the selection it goes to. Nothing is sent.",
        discussion: "Mailings are for marketing unless --purpose transactional: only customers with newsletter consent receive them."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "sms or email.") var channel: Channel
    @OptionGroup var content: MailingContentOptions
    @Option(help: "A name to open the mailing by later.") var name: String?
    @OptionGroup var selection: SelectionOptions
    @Flag(help: "Print the saved mailing as JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            try shop.withMailingService { service in
                var body = MailingContent()
                try content.apply(to: &body)
                let mailing = try service.create(
                    MailingDraft(name: name, channel: channel, content: body, selection: try selection.selection()))
                if json { return try Output.json(MailingView(mailing)) }
                Output.line("Saved mailing \(mailing.displayName): \(mailing.channel.rawValue), \(mailing.purpose.rawValue). Nothing was sent.")
                Output.line("Preview every message with: kassa mailing preview \(mailing.id)")
            }
        }
    }
}
