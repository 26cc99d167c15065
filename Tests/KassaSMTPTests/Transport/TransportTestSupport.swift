import Foundation
import KassaCore
import KassaTesting
import Logging
@testable import KassaSMTP

/// The names and texts the transport tests send: Swedish, so that every header needs
/// encoded words and every body quoted-printable.
enum Swedish {
    static let customerName = "Åsa Öberg"
    static let subject = "Ditt kvitto från Cykelbutiken – välkommen åter, Åsa!"
    static let text = "Hej Åsa!\n\nTack för ditt köp hos Cykelbutiken i Västerås.\n.En rad som börjar med punkt.\nVälkommen åter!\n"
    static let html = "<p>Hej Åsa!</p>\n<p>Tack för ditt köp – välkommen åter!</p>\n"
    static let sender = "Cykelbutiken Åre <info@example.se>"
}

/// The environment variable the tests put the SMTP password in.
let passwordVariable = "KASSA_TEST_SMTP_PASSWORD"
let testPassword = "hemligt lösen 42"

/// Settings for a test server on 127.0.0.1.
func smtpSettings(
    port: Int,
    tls: SMTPTLSMode = .none,
    username: String? = nil,
    caFile: String? = nil,
    dkim: (selector: String, domain: String, key: String)? = nil,
    unsubscribeURL: String? = nil,
    unsubscribeMailto: String? = nil
) -> SMTPTransport.Settings {
    SMTPTransport.Settings(
        host: "127.0.0.1",
        port: port,
        tls: tls,
        username: username,
        passwordEnvironmentVariable: username == nil ? nil : passwordVariable,
        from: Swedish.sender,
        dkim: dkim.map { SMTPTransport.DKIM(selector: $0.selector, domain: $0.domain, keyPath: $0.key) },
        caFilePath: caFile,
        unsubscribeURL: unsubscribeURL,
        unsubscribeMailto: unsubscribeMailto
    )
}

/// Options with timeouts short enough that a test that goes wrong ends soon, and the
/// password in a private environment.
func testOptions(password: String? = testPassword, timeout quick: Duration = .seconds(15)) -> SMTPTransport.Options {
    SMTPTransport.Options(
        timeouts: SMTPTimeouts(greeting: quick, command: quick, tlsHandshake: quick, dataInitiation: quick, dataTermination: quick),
        connectTimeout: .seconds(10),
        ehloName: "kassa.example.se",
        timeZone: TimeZone(identifier: "Europe/Stockholm")!,
        environment: password.map { [passwordVariable: $0] } ?? [:]
    )
}

func transport(_ settings: SMTPTransport.Settings, options: SMTPTransport.Options = testOptions()) throws -> SMTPTransport {
    try SMTPTransport(settings: settings, options: options, logger: Logger(label: "kassa.smtp.test"))
}

/// An e-mail for one customer.
func outgoing(
    to address: String = "asa@example.se",
    name: String? = Swedish.customerName,
    customer: String = "1001",
    mailing: Int64? = 7,
    purpose: CustomerSelection.Purpose = .transactional,
    subject: String = Swedish.subject,
    text: String? = Swedish.text,
    html: String? = Swedish.html
) -> OutgoingMessage {
    OutgoingMessage(
        channel: .email, mailingID: mailing, customerNumber: customer, address: address, displayName: name,
        content: RenderedMessage(text: text, subject: subject, html: html), purpose: purpose,
        idempotencyKey: "\(mailing.map(String.init) ?? "test"):\(customer)"
    )
}

/// Counts how often `deliver` calls the commit closure, and can make it throw.
final class CommitCounter {
    var count = 0
    var failure: (any Error)?

    func commit() throws {
        count += 1
        if let failure { throw failure }
    }
}

struct JournalUnavailable: Error, CustomStringConvertible {
    var description: String { "the outbox database is locked" }
}

extension DeliveryOutcome {
    var reference: String? {
        if case .sent(let reference) = self { return reference }
        return nil
    }

    var reason: String? {
        switch self {
        case .sent: nil
        case .retry(let reason), .failed(let reason), .unknown(let reason), .sessionFailed(let reason): reason
        }
    }

    var isSent: Bool { if case .sent = self { true } else { false } }
    var isRetry: Bool { if case .retry = self { true } else { false } }
    var isFailed: Bool { if case .failed = self { true } else { false } }
    var isUnknown: Bool { if case .unknown = self { true } else { false } }
    var isSessionFailure: Bool { if case .sessionFailed = self { true } else { false } }
}
