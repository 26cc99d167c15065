import ArgumentParser
import KassaApp
import KassaCore

/// `kassa mailing list [--json]`
struct MailingListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the saved mailings, newest first.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let mailings = try shop.mailings().mailings()
            if json { return try Output.json(mailings.map(MailingView.init)) }
            if mailings.isEmpty { return Output.error("No mailings yet; kassa mailing create makes one.") }
            for mailing in mailings {
                Output.line([String(mailing.id), mailing.name ?? "-", mailing.channel.rawValue, mailing.purpose.rawValue,
                             mailing.status.rawValue, mailing.updatedAt.utcTimestamp, MailingView.summary(of: mailing.content)]
                    .joined(separator: "  "))
            }
        }
    }
}
