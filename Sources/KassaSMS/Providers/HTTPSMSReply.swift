import Foundation
import KassaHTTP

/// What an HTTP SMS provider answered, and what it means for the message.
///
/// 2xx accepted (the message id from a JSON answer's `id`, `sid`, `message_id` or
/// `messageId`); 429 (too many requests) and 5xx temporary; 401 unauthorized (the
/// credentials, not the message); any other status refused. The
/// explanation is the JSON answer's `message`, `error` (a text, or an object with a
/// `message`), `detail` or `error_description`, else the body's first line, else the
/// status's reason phrase.
public struct HTTPSMSReply: Sendable, Hashable {
    /// What the answer means.
    public enum Verdict: Sendable, Hashable {
        /// 2xx.
        case accepted
        /// 429 or 5xx: try again later.
        case temporary
        /// Any other status: trying again will not help.
        case refused
        /// 401: the provider refused the credentials; no message can go until they are fixed.
        case unauthorized
    }

    /// The HTTP status.
    public var status: Int
    /// What the answer means.
    public var verdict: Verdict
    /// The provider's id for the message, when it gave one.
    public var messageID: String?
    /// The provider's explanation, on one line.
    public var explanation: String

    /// Reads `response`.
    public init(_ response: HTTPResponse) {
        status = response.status
        switch response.status {
        case 200..<300: verdict = .accepted
        case 429, 500..<600: verdict = .temporary
        case 401: verdict = .unauthorized
        default: verdict = .refused
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        messageID = object.flatMap { object in
            ["id", "sid", "message_id", "messageId"].lazy.compactMap { Self.text(object[$0]) }.first
        }
        let explained = object.flatMap { object in
            ["message", "error", "detail", "error_description"].lazy.compactMap { key -> String? in
                if let nested = object[key] as? [String: Any] { return Self.text(nested["message"]) }
                return Self.text(object[key])
            }.first
        }
        explanation = ProviderExchange.excerpt(explained ?? (object == nil ? response.text : "")).nonEmpty ?? response.reason
    }

    /// `400: Invalid to number`, or the status alone when there is no explanation.
    public var summary: String {
        explanation.isEmpty ? "HTTP \(status)" : "\(status): \(explanation)"
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String where !text.isEmpty: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
