/// What an upsert did: how many customers were new and how many updated a stored one.
public struct UpsertSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Customers whose number was not in the register before.
    public var inserted: Int
    /// Customers whose number was already there; the parts the upsert writes
    /// (`CustomerParts`) were replaced by the new ones. A number given twice in one
    /// upsert counts once as inserted (or updated) and then once as updated.
    public var updated: Int

    public init(inserted: Int = 0, updated: Int = 0) {
        self.inserted = inserted
        self.updated = updated
    }

    /// All customers written.
    public var total: Int { inserted + updated }

    public var description: String { "\(inserted) inserted, \(updated) updated" }

    package static func + (lhs: UpsertSummary, rhs: UpsertSummary) -> UpsertSummary {
        UpsertSummary(inserted: lhs.inserted + rhs.inserted, updated: lhs.updated + rhs.updated)
    }
}
