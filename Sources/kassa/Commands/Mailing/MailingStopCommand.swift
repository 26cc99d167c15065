import ArgumentParser
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
            let environment = try CommandEnvironment(global)
            let outbox = try environment.openMailingStore()
            let found = try outbox.mailing(mailing)
            try outbox.requestStop(found.id)
            if let pid = try outbox.senderProcess(found.id) {
                Output.line("Asked process \(pid) to stop mailing \(found.displayName) after the message in flight.")
            } else {
                Output.line("Mailing \(found.displayName) is not being sent (it is \(found.status.rawValue)).")
            }
        }
    }
}
