import Foundation

/// The outcome of one attempt, as the outbox records it.
public struct OutboxOutcome: Sendable, Hashable {
    public var customer: String
    public var state: OutboxState
    public var reason: String?
    public var reference: String?
    public var nextAttemptAt: Date?
    /// Whether the message was handed to the transport, so that the attempt counts. A
    /// message that failed before (it cannot be rendered, its customer is gone) or that a
    /// failed session never carried does not count one: a failed row without attempts
    /// never left, so its mailing may still change (`MailingStore.update`).
    public var countsAttempt: Bool

    public init(customer: String, state: OutboxState, reason: String? = nil, reference: String? = nil, nextAttemptAt: Date? = nil,
                countsAttempt: Bool = true) {
        self.customer = customer
        self.state = state
        self.reason = reason
        self.reference = reference
        self.nextAttemptAt = nextAttemptAt
        self.countsAttempt = countsAttempt
    }
}
