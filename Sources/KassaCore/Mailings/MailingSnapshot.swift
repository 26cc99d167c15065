/// Who a mailing reaches, fixed when it is saved: one outbox entry per customer its
/// selection chose, `pending` with an address or `excluded` with the reason.
///
/// Sending works from the snapshot, never from the selection again, so a customer who joins
/// the register (or gains consent) during a long send is not added halfway, and one who is
/// chosen gets one message, ever.
public struct MailingSnapshot: Sendable, Hashable {
    public var entries: [OutboxEntry]

    public init(entries: [OutboxEntry] = []) {
        self.entries = entries
    }

    /// Takes the snapshot of `audience` from the register.
    public static func take(
        _ audience: MailingAudience, from store: any CustomerStore, filters: (any CustomerFilterProvider)?
    ) throws -> MailingSnapshot {
        var snapshot = MailingSnapshot()
        try audience.customers(in: store, filters: filters, batchSize: 5_000).forEach { batch in
            for (customer, verdict) in batch {
                switch verdict {
                case .recipient(let address):
                    snapshot.entries.append(OutboxEntry(customerNumber: customer.number, address: address, state: .pending))
                case .excluded(let reason):
                    snapshot.entries.append(OutboxEntry(customerNumber: customer.number, address: nil, state: .excluded,
                                                        reason: reason.rawValue))
                }
            }
        }
        return snapshot
    }

    /// Customers left out, by reason.
    public var excludedCounts: [String: Int] {
        entries.reduce(into: [:]) { counts, entry in
            if entry.state == .excluded { counts[entry.reason ?? "", default: 0] += 1 }
        }
    }
}
