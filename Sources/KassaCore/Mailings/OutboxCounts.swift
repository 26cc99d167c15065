/// A mailing's outbox in numbers, as `kassa mailing status` reports them.
public struct OutboxCounts: Sendable, Hashable {
    /// Entries by state (`excluded` included).
    public var byState: [OutboxState: Int]
    /// Excluded entries by reason (`no_consent`, `no_mobile`, `no_email`).
    public var excludedByReason: [String: Int]

    public init(byState: [OutboxState: Int] = [:], excludedByReason: [String: Int] = [:]) {
        self.byState = byState
        self.excludedByReason = excludedByReason
    }

    public subscript(state: OutboxState) -> Int { byState[state] ?? 0 }

    /// Customers who receive a message (everyone chosen but the excluded).
    public var recipients: Int { byState.filter { $0.key != .excluded }.values.reduce(0, +) }

    /// Entries still to send now or later: pending, retry, and committing ones of a live sender.
    public var open: Int { self[.pending] + self[.retry] + self[.committing] }
}
