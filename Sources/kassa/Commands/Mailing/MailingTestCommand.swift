import ArgumentParser
import Foundation
import KassaApp
import KassaCore

/// `kassa mailing test ID --customer NUMBER`
struct MailingTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a mailing's message to one customer, named by customer number, outside the mailing's counts."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The mailing's number or name.") var mailing: String
    @Option(help: "The customer number (not the phone number).") var customer: String
    @Option(help: "Send with this user's SMTP settings ([users.NAME.smtp] in kassa.toml).") var user: String?
    @Flag(help: "Print JSON: {\"mailing\", \"number\", \"address\", \"reference\"}; reference is null when the server gave none.")
    var json = false

    /// What `--json` prints for a test that was sent.
    struct View: Encodable {
        var mailing: Int64
        /// The customer number.
        var number: String
        var address: String
        /// The server's reference for the message, e.g. an SMTP queue id.
        var reference: String?
    }

    func run() async throws {
        try await reportingFailures {
            let shop = try Shop(global)
            try await shop.withMailingService { service in
                let found = try service.mailings.mailing(mailing)
                let (address, outcome) = try await shop.sendTest(of: found, to: customer, service: service, user: user)
                switch outcome {
                case .sent(let reference):
                    if json {
                        return try Output.json(View(mailing: found.id, number: customer, address: address, reference: reference))
                    }
                    Output.line("Sent the test of mailing \(found.displayName) to customer \(customer) at \(address)\(reference.map { " (\($0))" } ?? "").")
                case .failed(let reason), .retry(let reason), .unknown(let reason), .sessionFailed(let reason):
                    throw CommandFailure("The test of mailing \(found.displayName) to customer \(customer) at \(address) was not sent: \(reason)")
                }
            }
        }
    }
}
