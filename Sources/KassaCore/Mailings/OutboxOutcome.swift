import Foundation

/// The outcome of one attempt, as the outbox records it.
public struct OutboxOutcome: Sendable, Hashable {
    public var customer: String
    public var state: OutboxState
    public var reason: String?
    public var reference: String?
    public var nextAttemptAt: Date?

    public init(customer: String, state: OutboxState, reason: String? = nil, reference: String? = nil, nextAttemptAt: Date? = nil) {
        self.customer = customer
        self.state = state
        self.reason = reason
        self.reference = reference
        self.nextAttemptAt = nextAttemptAt
    }
}
