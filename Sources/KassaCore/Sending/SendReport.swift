import Foundation

/// What one run of `kassa mailing send` did, and where the mailing stands.
public struct SendReport: Sendable, Hashable, Codable {
    public var mailing: Int64
    /// Messages sent by this run.
    public var sent = 0
    /// Messages given up as failed by this run.
    public var failed = 0
    /// Messages that failed for now in this run and wait for a retry.
    public var retry = 0
    /// Messages whose outcome this run could not learn.
    public var unknown = 0
    /// Rows a dead sender had left in doubt, found at the start and marked unknown.
    public var foundUnknown = 0
    /// Unknown rows put back to send, on request.
    public var requeued = 0
    /// Failed rows put back to send, on request.
    public var retried = 0
    /// Messages that could not be rendered, marked failed before anything was sent (part
    /// of `failed`).
    public var unrenderable = 0
    /// Why the run stopped with the session unable to carry mail (credentials refused, no
    /// TLS, the server unreachable); the messages wait for the next run.
    public var sessionFailure: String?
    /// Whether the run ended on a stop request.
    public var stopped = false
    /// The mailing's status at the end.
    public var status: Mailing.Status = .sending
    /// The earliest time a waiting retry is due, if any is left.
    public var nextRetryAt: Date?
    /// Seconds this run took.
    public var seconds: Double = 0

    public init(mailing: Int64) {
        self.mailing = mailing
    }

    enum CodingKeys: String, CodingKey {
        case mailing, sent, failed, retry, unknown
        case foundUnknown = "found_unknown"
        case requeued, retried, unrenderable
        case sessionFailure = "session_failure"
        case stopped, status
        case nextRetryAt = "next_retry_at"
        case seconds
    }
}
