import Foundation
import KassaCore
import Logging
import NIOSSL

/// The e-mail `MessageTransport` that sends through an SMTP server (`[smtp]` or
/// `[users.NAME.smtp]` of `kassa.toml`).
///
/// ```swift
/// let transport = try SMTPTransport(settings: configuration.smtp(forUser: user), logger: logger)
/// let outcome = transport.deliver(message) { try outbox.markInDoubt(row) }
/// transport.close()
/// ```
///
/// Each message becomes a MIME message (From from the settings, To with the customer's name,
/// the subject, text and HTML), with List-Unsubscribe and one-click unsubscribe for
/// marketing mail when `unsubscribe_url` or `unsubscribe_mailto` is set, DKIM-signed when
/// `dkim_selector`, `dkim_domain` and `dkim_key` are. One connection carries many messages.
///
/// Outcomes: accepted → `.sent(reference:)` with the Message-ID; a 4xx reply, a connection
/// lost during the transaction before the commit → `.retry`; a 5xx reply (a recipient
/// refused) → `.failed`; no session (the connection refused or unreachable, STARTTLS
/// required but not offered, the TLS handshake failing, credentials refused) →
/// `.sessionFailed`; the connection lost after the commit and before the server's verdict
/// → `.unknown`. Reasons name the server.
///
/// `deliver` returns once the outcome is known; a sender that runs on `executor` (the
/// connection's event loop) waits for each reply without a thread hop.
public final class SMTPTransport: MessageTransport {
    /// What the settings file does not say.
    public struct Options: Sendable {
        /// How long each step of the session may take.
        public var timeouts: SMTPTimeouts
        /// How long opening the TCP connection may take.
        public var connectTimeout: Duration
        /// The client's name in EHLO; `nil` takes this machine's host name when it is a
        /// domain name, else `localhost`.
        public var ehloName: String?
        /// The time zone of the Date header: the shop's.
        public var timeZone: TimeZone
        /// Where `password_env` is looked up.
        public var environment: [String: String]

        /// Options; the defaults suit a real server (RFC 5321 timeouts, the process
        /// environment, the machine's time zone).
        public init(
            timeouts: SMTPTimeouts = SMTPTimeouts(),
            connectTimeout: Duration = .seconds(30),
            ehloName: String? = nil,
            timeZone: TimeZone = .current,
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.timeouts = timeouts
            self.connectTimeout = connectTimeout
            self.ehloName = ehloName
            self.timeZone = timeZone
            self.environment = environment
        }
    }

    /// Always `.email`.
    public let channel: KassaCore.Channel = .email
    /// The server messages go to.
    public var server: SMTPServer { client.server }
    /// How many times the transport has connected or tried to; a reused connection counts
    /// once.
    public var connectionAttempts: Int { client.connectionAttempts }

    let client: SMTPClient
    let sender: MailAddress
    let encoder: MIMEEncoder
    let signer: DKIMSigner?
    let unsubscribeURL: String?
    let unsubscribeMailto: String?
    /// The message `prepare` readied, by idempotency key.
    private var prepared: (key: String, envelope: Result<(SMTPEnvelope, messageID: String), DeliveryFailure>)?

    /// The transport for `settings`, with the default options: the factory the command line
    /// calls.
    /// - Throws: `SMTPTransportError` when the settings cannot be used: no host, no usable
    ///   `from`, a username whose password variable is not set, an unreadable CA file or
    ///   DKIM key.
    public convenience init(settings: Settings, logger: Logger) throws(SMTPTransportError) {
        try self.init(settings: settings, options: Options(), logger: logger)
    }

    /// The transport for `settings` with `options`.
    /// - Throws: `SMTPTransportError`, as `init(settings:logger:)`.
    public init(settings: Settings, options: Options, logger: Logger) throws(SMTPTransportError) {
        guard let host = settings.host else {
            throw SMTPTransportError(.notConfigured, "No SMTP server is configured: set [smtp] host in kassa.toml (without it, mail goes to the outbox folder).")
        }
        let server = SMTPServer(host: host, port: settings.port)
        guard let from = settings.from else {
            throw SMTPTransportError(.invalidSender, "[smtp] from is missing: set the sender of the mail sent through the SMTP server \(server), like \"Cykelbutiken <info@example.se>\".")
        }
        do {
            sender = try MailAddress(parsing: from)
        } catch {
            throw SMTPTransportError(.invalidSender, "[smtp] from, \(SMTPError.quoted(from)), cannot be the sender of mail through the SMTP server \(server): \(error.message)")
        }

        let configuration = SMTPClientConfiguration(
            tls: settings.tls,
            credentials: try Self.credentials(settings, server: server, environment: options.environment),
            ehloName: options.ehloName ?? Self.defaultEHLOName(),
            timeouts: options.timeouts
        )
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFilePath {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw SMTPTransportError(.invalidTLSConfiguration, "[smtp] ca_file \(SMTPError.quoted(caFile)) for the SMTP server \(server) does not exist or cannot be read.")
            }
            tls.additionalTrustRoots = [.file(caFile)]
        }
        client = try SMTPClient(server: server, configuration: configuration, tls: tls, connectTimeout: options.connectTimeout, logger: logger)

        if let dkim = settings.dkim {
            let (selector, domain, keyPath) = (dkim.selector, dkim.domain, dkim.keyPath)
            do {
                signer = try DKIMSigner(selector: selector, domain: domain, key: DKIMPrivateKey(contentsOfFile: keyPath))
            } catch {
                throw SMTPTransportError(.invalidDKIM, "DKIM signing for mail through the SMTP server \(server) cannot start: \(error.message)")
            }
            let fromDomain = sender.address.split(separator: "@").last.map { $0.lowercased() } ?? ""
            if fromDomain != domain.lowercased(), !fromDomain.hasSuffix("." + domain.lowercased()) {
                logger.warning("DKIM domain \(domain) is not the domain of [smtp] from (\(fromDomain)): receivers applying DMARC will not count the signature")
            }
        } else {
            signer = nil
        }

        encoder = MIMEEncoder(timeZone: options.timeZone)
        unsubscribeURL = settings.unsubscribeURL
        unsubscribeMailto = settings.unsubscribeMailto
    }

    /// Sends `message`; `commit` runs right before the end of the data is written.
    public func deliver(_ message: OutgoingMessage, commit: () throws -> Void) async -> DeliveryOutcome {
        await deliver(message, commit: commit, whileWaiting: {})
    }

    /// The event loop of the SMTP connection.
    public var executor: (any TaskExecutor)? { client.taskExecutor }

    /// Encodes (and signs) `message` now, for the `deliver` that follows.
    public func prepare(_ message: OutgoingMessage) {
        prepared = (message.idempotencyKey, envelope(for: message))
    }

    /// Sends `message`; `commit` runs right before the end of the data is written and
    /// `whileWaiting` while the server's verdict is on its way.
    public func deliver(_ message: OutgoingMessage, commit: () throws -> Void, whileWaiting: () -> Void) async -> DeliveryOutcome {
        let readied: Result<(SMTPEnvelope, messageID: String), DeliveryFailure>
        if let prepared, prepared.key == message.idempotencyKey {
            readied = prepared.envelope
        } else {
            readied = envelope(for: message)
        }
        prepared = nil
        let envelope: SMTPEnvelope
        let messageID: String
        switch readied {
        case .success(let ready):
            (envelope, messageID) = ready
        case .failure(let failure):
            return .failed(reason: failure.reason)
        }
        switch await client.send(envelope, commit: commit, whileWaiting: whileWaiting) {
        case .accepted:
            return .sent(reference: messageID)
        case .failed(let failure) where failure.isSessionFailure:
            return .sessionFailed(reason: failure.error.message)
        case .failed(let failure):
            switch failure.kind {
            case .temporary: return .retry(reason: failure.error.message)
            case .permanent: return .failed(reason: failure.error.message)
            }
        case .unknown(let error):
            return .unknown(reason: error.message)
        }
    }

    /// Why a message cannot be put on the wire at all.
    struct DeliveryFailure: Error {
        var reason: String
    }

    private func envelope(for message: OutgoingMessage) -> Result<(SMTPEnvelope, messageID: String), DeliveryFailure> {
        guard message.channel == .email else {
            return .failure(DeliveryFailure(reason: "Message for customer \(message.customerNumber) is an SMS; the SMTP transport carries only e-mail."))
        }
        let mail: EncodedMail
        do {
            mail = try encoder.encode(mailMessage(for: message))
        } catch {
            return .failure(DeliveryFailure(reason: "The e-mail to <\(message.address)> (customer \(message.customerNumber)) cannot be written: \(error.message)"))
        }
        var bytes = mail.bytes
        if let signer {
            do {
                bytes = try signer.sign(bytes)
            } catch {
                return .failure(DeliveryFailure(reason: "The e-mail to <\(message.address)> (customer \(message.customerNumber)) cannot be DKIM-signed: \(error.message)"))
            }
        }
        let envelope = SMTPEnvelope(from: mail.sender, recipients: mail.recipients, message: bytes, requiresSMTPUTF8: mail.requiresSMTPUTF8)
        return .success((envelope, mail.messageID))
    }

    /// Ends the open connection, if any (QUIT); the next message opens a new one.
    public func close() async {
        // A message readied before a pause would go out with the Date of before it.
        prepared = nil
        await client.close()
    }

    // MARK: Settings

    private static func credentials(_ settings: Settings, server: SMTPServer, environment: [String: String]) throws(SMTPTransportError) -> SMTPCredentials? {
        guard let username = settings.username, !username.isEmpty else { return nil }
        guard let variable = settings.passwordEnvironmentVariable else {
            throw SMTPTransportError(.missingPassword, "[smtp] username \(SMTPError.quoted(username)) is set for the SMTP server \(server) but password_env is not: name the environment variable that holds the password.")
        }
        guard let password = environment[variable] else {
            throw SMTPTransportError(.missingPassword, "The environment variable \(variable), named by password_env, is not set; it must hold the password of \(SMTPError.quoted(username)) on the SMTP server \(server).")
        }
        return SMTPCredentials(username: username, password: password)
    }

    /// This machine's name when it is a domain name (RFC 5321 §4.1.4 asks for the FQDN).
    /// `gethostname`, not `ProcessInfo.hostName`, which may ask DNS.
    private static func defaultEHLOName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let isDomainName = name.contains(".") && !name.hasSuffix(".") && name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        return isDomainName ? name : "localhost"
    }
}
