import Foundation
import KassaCore
import KassaHTTP
import Logging

/// Sends SMS through an HTTP API of the 46elks/Twilio kind: one `POST` per message with
/// the sender, the receiver and the text, as a form (`from`, `to`, `message`, the 46elks
/// names) or as JSON, with basic authentication.
///
/// The provider splits long texts itself, so a message is one request whatever its length.
/// An `Idempotency-Key` header carries the message's (mailing, customer) key for providers
/// that recognise a repeated request.
///
/// Answers, as `HTTPSMSReply` reads them: 2xx is `.sent`, with the provider's message id
/// (`id`, `sid`, `message_id` or `messageId` of a JSON answer) as the reference; 429 and
/// 5xx are `.retry`; 401 is `.sessionFailed` (the credentials, not the message); any other
/// status is `.failed` with the provider's own explanation. The address may be `https://`
/// (46elks and Twilio speak nothing else); a redirect is `.failed`. No connection (the request
/// never written) is `.sessionFailed`: no message can go until the provider is reachable; a
/// connection lost after the request was written is `.unknown`.
public final class HTTPSMSTransport: MessageTransport {
    /// Always `.sms`.
    public let channel = Channel.sms

    /// What the transport was made with.
    public let configuration: Configuration
    private let exchange: ProviderExchange
    private let logger: Logger
    private var client: HTTPClient { exchange.client }

    /// A transport for the provider at `configuration.url`; nothing is connected yet.
    ///
    /// - Throws: `SMSTransportError` `.invalidURL` when the URL is not `http://` or
    ///   `https://`, `.invalidCAFile` when `ca_file` cannot be read.
    public init(configuration: Configuration, logger: Logger) throws(SMSTransportError) {
        self.configuration = configuration
        self.logger = logger
        exchange = try ProviderExchange(url: configuration.url, http: configuration.http, setting: "the HTTP provider",
                                        logger: logger) { "the SMS provider at \($0)" }
    }

    /// How many connections the transport has opened (one while keep-alive holds).
    public var connectionsOpened: Int { client.connectionsOpened }

    /// Checks the message, then commits and posts the message (see the type).
    public func deliver(_ message: OutgoingMessage, commit: () throws -> Void) async -> DeliveryOutcome {
        guard !message.address.isEmpty else {
            return .failed(reason: "The SMS to customer \(message.customerNumber) has no mobile number.")
        }
        guard let text = message.content.text, !text.isEmpty else {
            return .failed(reason: "The SMS to \(message.address) has no text.")
        }
        let request: HTTPRequest
        do {
            request = try self.request(to: message.address, text: text, idempotencyKey: message.idempotencyKey)
        } catch {
            return .failed(reason: "The SMS to \(message.address) cannot be encoded: \(error).")
        }
        do {
            try commit()
        } catch {
            return .retry(reason: "The message to \(message.address) was not sent: recording the send failed (\(error)).")
        }
        switch await exchange.send(request) {
        case .answered(let response):
            let reply = HTTPSMSReply(response)
            switch reply.verdict {
            case .accepted:
                logger.debug("The SMS provider accepted a message", metadata: ["to": "\(message.address)", "id": "\(reply.messageID ?? "-")"])
                return .sent(reference: reply.messageID)
            case .temporary:
                return .retry(reason: "\(exchange.provider) could not take the message to \(message.address) now (\(reply.summary)).")
            case .refused:
                return .failed(reason: "\(exchange.provider) refused the message to \(message.address) (\(reply.summary)).")
            case .unauthorized:
                return .sessionFailed(reason: "\(exchange.provider) refused the credentials (\(reply.summary)); check the [sms] settings.")
            }
        case .notSent(let reason):
            return .sessionFailed(reason: reason)
        case .refused(let reason):
            return .failed(reason: "\(exchange.provider) did not take the message to \(message.address): \(reason)")
        case .lost(let reason):
            return .unknown(reason: reason)
        }
    }

    /// Lets the kept-alive connection go; the next message opens a new one.
    public func close() async {
        client.close()
    }

    /// The event loop of the provider's connection.
    public var executor: (any TaskExecutor)? { client.taskExecutor }

    /// The request for one message, as configured.
    func request(to address: String, text: String, idempotencyKey: String) throws -> HTTPRequest {
        let names = configuration.fieldNames
        var fields: [(String, String)] = []
        if let sender = configuration.sender { fields.append((names.from, sender)) }
        fields += [(names.to, address), (names.message, text)]

        var headers: [HTTPHeader] = [.accept("application/json")]
        if let username = configuration.username {
            headers.append(.basicAuthorization(username: username, password: configuration.password ?? ""))
        }
        if let name = configuration.idempotencyHeader {
            headers.append(HTTPHeader(name, idempotencyKey))
        }
        let target = client.endpoint.target
        switch configuration.format {
        case .form:
            return .post(target, contentType: "application/x-www-form-urlencoded",
                         body: Array(FormEncoding.encode(fields).utf8), headers: headers)
        case .json:
            var object: [String: String] = [:]
            for (name, value) in fields { object[name] = value }
            let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return .post(target, contentType: "application/json", body: Array(body), headers: headers)
        }
    }
}
