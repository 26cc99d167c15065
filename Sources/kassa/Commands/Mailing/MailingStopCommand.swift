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
    @Flag(help: "Print JSON: {\"mailing\", \"name\", \"status\", \"sender_process\"}; sender_process is null when no process sends it.")
    var json = false

    /// What `--json` prints.
    struct View: Encodable {
        var mailing: Int64
        var name: String?
        var status: String
        /// The process asked to stop; `nil` when the mailing is not being sent.
        var senderProcess: Int32?
    }

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let found = try shop.mailings().mailing(mailing)
            let sender = try shop.stopSending(found)
            if json {
                return try Output.json(View(mailing: found.id, name: found.name, status: found.status.rawValue,
                                            senderProcess: sender))
            }
            if let pid = sender {
                Output.line("Asked process \(pid) to stop mailing \(found.displayName) after the message in flight.")
            } else {
                Output.line("Mailing \(found.displayName) is not being sent (it is \(found.status.rawValue)).")
            }
        }
    }
}
