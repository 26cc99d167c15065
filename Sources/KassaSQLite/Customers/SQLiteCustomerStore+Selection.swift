internal import GRDB
import KassaCore

/// Running selections: counting, listing numbers, streaming customers.
///
/// A selection is read in two steps. First one query lists the ids of the matching rows in
/// customer-number order (8 bytes a customer: 8 MB for a million). Then each batch loads
/// its customers by id in its own short read. So the consumer never holds a read
/// transaction open while it works, may write between batches, and sees every customer
/// that matched when the selection started exactly once (a customer deleted meanwhile is
/// skipped; one changed meanwhile comes in its new state).
extension SQLiteCustomerStore {
    public func countMatchingCriteria(_ selection: CustomerSelection) throws -> Int {
        let query = SQLiteSelectionQuery(selection)
        return try access("count the selected customers") {
            try database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM customer c WHERE \(query.whereClause)",
                    arguments: query.arguments) ?? 0
            }
        }
    }

    public func selectMatchingCriteria(_ selection: CustomerSelection, batchSize: Int, lists: Bool) throws -> CustomerBatches {
        let ids = try matchingIDs(selection, batchSize: batchSize)
        var offset = 0
        return CustomerBatches { [self] in
            guard offset < ids.count else { return nil }
            let slice = ids[offset..<min(offset + batchSize, ids.count)]
            offset += slice.count
            return try access("read the selected customers") {
                try database.read { db in try Self.customers(ids: slice, db, lists: lists) }
            }
        }
    }

    public func numbersMatchingCriteria(_ selection: CustomerSelection, batchSize: Int) throws -> CustomerNumberBatches {
        let ids = try matchingIDs(selection, batchSize: batchSize)
        var offset = 0
        return CustomerNumberBatches { [self] in
            guard offset < ids.count else { return nil }
            let slice = ids[offset..<min(offset + batchSize, ids.count)]
            offset += slice.count
            return try access("read the selected customer numbers") {
                try database.read { db in
                    try String.fetchAll(
                        db.cachedStatement(sql: """
                            SELECT number FROM customer
                            WHERE id IN (SELECT value FROM json_each(?)) ORDER BY number_key
                            """),
                        arguments: [Self.jsonArray(slice)])
                }
            }
        }
    }

    /// The ids of the customers meeting the built-in criteria, in customer-number order.
    private func matchingIDs(_ selection: CustomerSelection, batchSize: Int) throws -> [Int64] {
        guard batchSize > 0 else {
            throw StoreError(.invalidArgument, "A batch size must be at least 1, not \(batchSize).")
        }
        let query = SQLiteSelectionQuery(selection)
        return try access("select customers") {
            try database.read { db in
                try Int64.fetchAll(
                    db, sql: "SELECT c.id FROM customer c WHERE \(query.whereClause) ORDER BY c.number_key",
                    arguments: query.arguments)
            }
        }
    }
}
