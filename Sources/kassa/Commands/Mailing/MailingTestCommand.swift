import ArgumentParser
import Foundation
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
            let environment = try CommandEnvironment(global)
            try await environment.withMailingService { service in
                let found = try service.mailings.mailing(mailing)
                guard let recipient = try service.customers.customer(number: customer) else {
                    throw CommandFailure("There is no customer with number \"\(customer)\"")
                }
                // A test goes to whoever is named, consent or not: it is the shop's own check.
                let audience = MailingAudience(channel: found.channel, purpose: .transactional, selection: CustomerSelection())
                guard case .recipient(let address) = audience.verdict(for: recipient) else {
                    throw CommandFailure("Customer \(customer) has no \(found.channel == .sms ? "mobile number" : "e-mail address") to test with")
                }
                let content = try service.composer(for: found.channel, content: found.content).compose(recipient)
                let transport = try Transports.make(for: found.channel, environment: environment, user: user)
                let message = OutgoingMessage(
                    channel: found.channel, mailingID: nil, customerNumber: recipient.number, address: address,
                    displayName: recipient.recipientName, content: content, purpose: found.purpose,
                    idempotencyKey: "kassa-test-\(found.id)-\(recipient.number)-\(Int(Date().timeIntervalSince1970))")
                let outcome = await withTaskExecutorPreference(transport.executor) {
                    let outcome = await transport.deliver(message, commit: {})
                    await transport.close()
                    return outcome
                }
                switch outcome {
                case .sent(let reference):
                    if json {
                        return try Output.json(View(mailing: found.id, number: recipient.number, address: address, reference: reference))
                    }
                    Output.line("Sent the test of mailing \(found.displayName) to customer \(customer) at \(address)\(reference.map { " (\($0))" } ?? "").")
                case .failed(let reason), .retry(let reason), .unknown(let reason), .sessionFailed(let reason):
                    throw CommandFailure("The test of mailing \(found.displayName) to customer \(customer) at \(address) was not sent: \(reason)")
                }
            }
        }
    }
}
