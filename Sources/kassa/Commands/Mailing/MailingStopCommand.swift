import ArgumentParser
import KassaApp
import KassaCore

/// `kassa mailing stop ID`
struct MailingStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Ask the sender of a mailing to stop after the message in flight; kassa mailing send resumes it."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The mailing's number or name.") var mailing: String

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let found = try shop.mailings().mailing(mailing)
            if let pid = try shop.stopSending(found) {
                Output.line("Asked process \(pid) to stop mailing \(found.displayName) after the message in flight.")
            } else {
                Output.line("Mailing \(found.displayName) is not being sent (it is \(found.status.rawValue)).")
            }
        }
    }
}
