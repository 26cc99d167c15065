import Foundation
internal import GRDB
import KassaCore

/// The persistent manual selection ("selected customers", 003).
extension SQLiteCustomerStore {
    @discardableResult
    public func mark(_ numbers: [String]) throws -> Int {
        try access("mark customers") {
            try database.write { db in
                let now = Date().timeIntervalSince1970
                var added = 0
                for id in try Self.ids(ofNumbers: numbers, db) {
                    try db.cachedStatement(
                        sql: "INSERT INTO customer_mark (customer_id, marked_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .execute(arguments: [id, now])
                    added += db.changesCount
                }
                return added
            }
        }
    }

    @discardableResult
    public func unmark(_ numbers: [String]) throws -> Int {
        try access("unmark customers") {
            try database.write { db in
                var removed = 0
                for id in try Self.ids(ofNumbers: numbers, db) {
                    try db.cachedStatement(sql: "DELETE FROM customer_mark WHERE customer_id = ?").execute(arguments: [id])
                    removed += db.changesCount
                }
                return removed
            }
        }
    }

    @discardableResult
    public func resetMarks() throws -> Int {
        try access("reset the marks") {
            try database.write { db in
                try db.execute(sql: "DELETE FROM customer_mark")
                return db.changesCount
            }
        }
    }

    public func markedNumbers() throws -> [String] {
        try access("list the marked customers") {
            try database.read { db in
                try String.fetchAll(db, sql: """
                    SELECT c.number FROM customer_mark m JOIN customer c ON c.id = m.customer_id
                    ORDER BY c.number_key
                    """)
            }
        }
    }

    /// The ids of `numbers` (each once); throws naming every number that is not in the
    /// register.
    private static func ids(ofNumbers numbers: [String], _ db: Database) throws -> [Int64] {
        var seen = Set<String>()
        var ids: [Int64] = []
        var unknown: [String] = []
        for number in numbers where seen.insert(number).inserted {
            if let id = try id(ofNumber: number, db) { ids.append(id) } else { unknown.append(number) }
        }
        guard unknown.isEmpty else { throw StoreError.unknownCustomers(unknown) }
        return ids
    }
}
