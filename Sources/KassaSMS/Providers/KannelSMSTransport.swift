import KassaCore
import KassaHTTP
import Logging

/// Sends SMS through Kannel's sendsms HTTP interface, over one kept-alive connection.
///
/// Each message is a `GET` of the sendsms URL with `username`, `password`, `to`, `text`
/// (UTF-8, `charset=UTF-8`), `from` when a sender is configured, and `coding=0` (GSM-7) or
/// `coding=2` (UCS-2), as `SMSAnalysis` decides.
///
/// **Long texts are split here, not by Kannel.** A text longer than one SMS is sent as the
/// parts of `SMSAnalysis.analyze(text).parts`, one request each, with a concatenation header
/// (`udh`, 8-bit reference derived from the idempotency key) so the phone joins them:
/// - a stock Kannel sendsms user has `max-messages = 1`, and Kannel then cuts a long text
///   to one SMS and still answers `0: Accepted for delivery` (seen with Kannel 1.4.5 here);
///   sending parts that each fit one SMS works whatever the gateway's settings;
/// - Kannel's own split cuts between the halves of a UCS-2 surrogate pair (an emoji
///   arrives broken on phones that show parts as they come); the analysis keeps
///   characters whole, so the parts are exactly those the preview counted and priced.
/// The cost: a long message is several requests. The commit point is before the first;
/// if a later part is refused or lost after an earlier one was accepted, the outcome is
/// `.unknown` (the phone may show part of the text), never a silent resend.
///
/// **Kannel's answers** are read by `KannelReply`: accepted and queued are `.sent` (a
/// queued message is in the gateway's store and goes out once an SMS centre connects;
/// sending it again would send it twice), a temporary failure is `.retry`, a refused
/// login (`Authorization failed`) is `.sessionFailed` (no message can go until it is
/// fixed), any other refusal (`Not routable`) is `.failed` with Kannel's words. No
/// connection (the request never written) is `.sessionFailed`; a connection lost after the
/// request was written is `.unknown`; a redirect is `.failed`. Kannel gives no message id,
/// so `reference` is `nil`.
public final class KannelSMSTransport: MessageTransport {
    /// Always `.sms`.
    public let channel = Channel.sms

    /// How to reach the gateway.
    public struct Configuration: Sendable, Hashable {
        /// The sendsms address, `http://HOST:PORT/cgi-bin/sendsms`.
        public var url: String
        /// The `sendsms-user` login and password.
        public var username: String
        /// The sendsms password (from the variable `password_env` names).
        public var password: String
        /// The sender shown on phones (`from`); `nil` leaves it to the gateway's
        /// `global-sender`.
        public var sender: String?
        /// Timeouts, the body cap and the CA file of the connection.
        public var http: HTTPClient.Configuration

        /// A configuration from its parts.
        public init(url: String, username: String, password: String, sender: String? = nil,
                    http: HTTPClient.Configuration = HTTPClient.Configuration()) {
            self.url = url
            self.username = username
            self.password = password
            self.sender = sender
            self.http = http
        }
    }

    /// What the transport was made with.
    public let configuration: Configuration
    private let exchange: ProviderExchange
    private let logger: Logger
    private var client: HTTPClient { exchange.client }
    var endpoint: HTTPEndpoint { exchange.client.endpoint }

    /// A transport for the gateway at `configuration.url`; nothing is connected yet.
    ///
    /// - Throws: `SMSTransportError` `.invalidURL` when the URL is not `http://` or
    ///   `https://`, `.invalidCAFile` when `ca_file` cannot be read.
    public init(configuration: Configuration, logger: Logger) throws(SMSTransportError) {
        self.configuration = configuration
        self.logger = logger
        exchange = try ProviderExchange(url: configuration.url, http: configuration.http, setting: "the Kannel provider",
                                        logger: logger) { "Kannel at \($0)" }
    }

    /// How many connections the transport has opened (one while keep-alive holds).
    public var connectionsOpened: Int { client.connectionsOpened }

    /// Checks the message, then commits and sends the message or its parts (see the type).
    public func deliver(_ message: OutgoingMessage, commit: () throws -> Void) async -> DeliveryOutcome {
        let requests: [HTTPRequest]
        switch requestsFor(message) {
        case .success(let built): requests = built
        case .failure(let problem): return .failed(reason: problem.reason)
        }
        do {
            try commit()
        } catch {
            return .retry(reason: "The message to \(message.address) was not sent: recording the send failed (\(error)).")
        }

        var queued = false
        for (index, request) in requests.enumerated() {
            let part = requests.count > 1 ? "part \(index + 1) of \(requests.count) of the message" : "the message"
            switch await exchange.send(request) {
            case .answered(let response):
                let reply = KannelReply(status: response.status, body: response.text)
                switch reply.verdict {
                case .accepted:
                    continue
                case .queued:
                    queued = true
                    continue
                case .temporary where index == 0:
                    return .retry(reason: "\(exchange.provider) could not take the message to \(message.address) now (\(reply.summary)).")
                case .refused where index == 0:
                    return .failed(reason: "\(exchange.provider) refused the message to \(message.address) (\(reply.summary)).")
                case .unauthorized where index == 0:
                    return .sessionFailed(reason: "\(exchange.provider) refused the sendsms login \"\(configuration.username)\" (\(reply.summary)); check [sms] username and the password variable.")
                case .unexpected:
                    return .unknown(reason: "\(exchange.provider) answered \(part) to \(message.address) with \(reply.summary), which is not a sendsms answer; it may have been sent.")
                case .temporary, .refused, .unauthorized:
                    return .unknown(reason: "\(exchange.provider) refused \(part) to \(message.address) (\(reply.summary)) after accepting the parts before it; the phone may show part of the text.")
                }
            case .refused(let reason) where index == 0:
                return .failed(reason: "\(exchange.provider) did not take the message to \(message.address): \(reason)")
            case .refused(let reason):
                return .unknown(reason: "\(exchange.provider) did not take \(part) to \(message.address) after accepting the parts before it: \(reason)")
            case .notSent(let reason) where index == 0:
                return .sessionFailed(reason: reason)
            case .notSent(let reason):
                return .unknown(reason: "\(part.prefix(1).uppercased() + part.dropFirst()) to \(message.address) could not be sent after the parts before it were accepted: \(reason)")
            case .lost(let reason):
                return .unknown(reason: reason)
            }
        }
        if queued {
            logger.info("Kannel queued the message for later delivery (no SMS centre connected now)",
                        metadata: ["to": "\(message.address)", "gateway": "\(client.endpoint)"])
        }
        return .sent(reference: nil)
    }

    /// Lets the kept-alive connection go; the next message opens a new one.
    public func close() async {
        client.close()
    }

    /// The event loop of the provider's connection.
    public var executor: (any TaskExecutor)? { client.taskExecutor }
}
