import Foundation

/// One row of a mailing's outbox.
public struct OutboxEntry: Sendable, Hashable, Codable {
    public var customerNumber: String
    /// The mobile number or e-mail address the snapshot took; `nil` when excluded.
    public var address: String?
    public var state: OutboxState
    /// How many times sending was tried.
    public var attempts: Int
    /// When a `retry` row is due.
    public var nextAttemptAt: Date?
    /// Why it was excluded, failed, is retried or unknown.
    public var reason: String?
    /// The server's or provider's id for the message (a Message-ID, an SMS id).
    public var reference: String?

    public init(customerNumber: String, address: String?, state: OutboxState, attempts: Int = 0, nextAttemptAt: Date? = nil,
                reason: String? = nil, reference: String? = nil) {
        self.customerNumber = customerNumber
        self.address = address
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.reason = reason
        self.reference = reference
    }

    enum CodingKeys: String, CodingKey {
        case customerNumber = "customer"
        case address, state, attempts
        case nextAttemptAt = "next_attempt_at"
        case reason, reference
    }
}
