import ArgumentParser
import KassaApp
import KassaCore

/// `kassa mailing status ID [--json]`
struct MailingStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "How far a mailing got: recipients, sent, failed, pending, retry, unknown, and every failure with its reason."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The mailing's number or name.") var mailing: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let outbox = try shop.mailings()
            let report = try MailingStatusReport(try outbox.mailing(mailing), outbox: outbox)
            if json { return try Output.json(report) }
            for line in report.lines { Output.line(line) }
        }
    }
}
