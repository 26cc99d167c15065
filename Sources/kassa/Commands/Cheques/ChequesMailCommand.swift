import ArgumentParser
import KassaApp
import KassaCore

/// `kassa cheques mail --batch N (--template T | --text T --subject S | --html FILE) [--name N]`
struct ChequesMailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Make the e-mail mailing that sends each customer of a cheque batch their one cheque.",
        discussion: """
            Issuing a cheque puts it on the customer as attributes, so the message can show it: \
            #ATTR.cheque_number#, #ATTR.cheque_value#, #ATTR.cheque_date# in placeholder text, c.attrs.cheque_number in a \
            Lua template. The mailing is transactional (the customer's own cheque) and is sent with kassa mailing send, \
            which never sends one twice.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The batch (its number, shown by kassa cheques issue and issued).") var batch: Int64
    @OptionGroup var content: MailingContentOptions
    @Option(help: "A name for the mailing (default: cheques-BATCH).") var name: String?
    @Flag(help: "Print the saved mailing as JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let loyalty = try shop.loyalty(of: try shop.customers())
            guard try loyalty.chequeBatches().contains(where: { $0.id == batch }) else {
                throw CommandFailure("There is no cheque batch \(batch); kassa cheques issued lists them all")
            }
            let numbers = try loyalty.issuedCheques(batch: batch).map(\.customerNumber)
            guard !numbers.isEmpty else { throw CommandFailure("Cheque batch \(batch) paid no one, so there is nothing to mail") }
            var selection = CustomerSelection()
            selection.onlyNumbers = numbers
            selection.requirements = [.email]
            selection.purpose = .transactional
            var body = MailingContent()
            try content.apply(to: &body)
            try shop.withMailingService { service in
                let mailing = try service.create(MailingDraft(
                    name: name ?? "cheques-\(batch)", channel: .email, purpose: .transactional, content: body, selection: selection))
                if json { return try Output.json(MailingView(mailing)) }
                Output.line("Saved mailing \(mailing.displayName) to the \(numbers.count) customers of cheque batch \(batch). Nothing was sent.")
                Output.line("Preview it with kassa mailing preview \(mailing.id); send it with kassa mailing send \(mailing.id).")
            }
        }
    }
}
