import Foundation

/// What Kannel's sendsms interface answered to one request, and what it means for the
/// message.
///
/// | Kannel's answer | verdict |
/// |---|---|
/// | 2xx `0: Accepted for delivery` | `.accepted` |
/// | 2xx `3: Queued for later delivery` | `.queued`: the gateway has taken the message and stores it until an SMS centre is connected; it is sent, and sending it again would send it twice |
/// | 503, or `Temporal failure, try again later.` | `.temporary`: not taken, try again later |
/// | 401, or 403 `Authorization failed for sendsms` | `.unauthorized`: the login is wrong; no message can go until it is fixed |
/// | other 4xx/5xx (`Authorization failed for sendsms`, `Not routable. Do not try again.`, `Missing receiver number, rejected`, …) | `.refused`: never deliverable as it is |
/// | 2xx with any other text | `.unexpected`: perhaps taken, perhaps not |
public struct KannelReply: Sendable, Hashable {
    /// What the answer means.
    public enum Verdict: Sendable, Hashable {
        /// `0: Accepted for delivery`.
        case accepted
        /// `3: Queued for later delivery`: accepted, delivery waits for the SMS centre.
        case queued
        /// Not accepted this time; worth trying again later.
        case temporary
        /// Not accepted, and trying again will not help.
        case refused
        /// The sendsms login was refused: no message can be sent until it is fixed.
        case unauthorized
        /// A success status with a text Kannel does not send: not a sendsms answer.
        case unexpected
    }

    /// The HTTP status.
    public var status: Int
    /// Kannel's text, on one line.
    public var text: String
    /// What it means.
    public var verdict: Verdict

    /// Reads Kannel's answer: an HTTP status and a body of one line.
    public init(status: Int, body: String) {
        self.status = status
        self.text = ProviderExchange.excerpt(body)
        verdict = Self.verdict(status: status, text: text)
    }

    private static func verdict(status: Int, text: String) -> Verdict {
        if (200..<300).contains(status) {
            if text.hasPrefix("0:") { return .accepted }
            if text.hasPrefix("3:") { return .queued }
            return .unexpected
        }
        if status == 503 || text.localizedCaseInsensitiveContains("try again later") { return .temporary }
        // Kannel answers 403 also for a number it cannot route, which is that number's problem.
        if status == 401 || text.localizedCaseInsensitiveContains("authorization failed") { return .unauthorized }
        return .refused
    }

    /// `403: Authorization failed for sendsms`, or the status alone when the body is empty.
    public var summary: String {
        text.isEmpty ? "HTTP \(status)" : "\(status): \(text)"
    }
}
