import Foundation
import GRDB

extension SQLiteCustomerStore {
    @discardableResult
    public func upsert(_ customers: [Customer]) throws -> UpsertSummary {
        try upsert { writer in try writer.write(customers) }
    }

    @discardableResult
    public func upsert(_ feed: (any CustomerWriter) throws -> Void) throws -> UpsertSummary {
        let summary = try access("write the customers") {
            try database.write { db -> UpsertSummary in
                // A bigger page cache keeps more of a large import's pages in memory;
                // 64 MiB holds a million-customer import at about 100 MB of memory.
                let previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -65536")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCacheSize)") }
                let writer = try SQLiteCustomerWriter(db)
                defer { writer.close() }
                try feed(writer)
                return writer.summary
            }
        }
        logger.debug("Upserted customers", metadata: [
            "inserted": "\(summary.inserted)", "updated": "\(summary.updated)",
        ])
        return summary
    }
}

/// The writer handed to an upsert's feed: prepared statements reused for every row.
///
/// New customers, the common case of a large import, go in with multi-row `INSERT`s of
/// `groupSize` rows, ids assigned here, and their child rows are queued and inserted
/// the same way at the end of each `write` (`ON CONFLICT DO NOTHING` skips numbers that
/// exist). A group in which some number existed is then settled row by row: existing
/// customers are updated in place (their id, and so their marks, stay) and their child
/// rows replaced.
final class SQLiteCustomerWriter: CustomerWriter {
    /// Rows per multi-row statement: big enough to spread the cost of a statement run,
    /// small enough to stay far below SQLite's limit of bound parameters.
    static let groupSize = 32

    /// The customer columns an upsert writes, in binding order (`id` first).
    static let columns = [
        "id", "number", "number_key", "first_name", "last_name", "company", "is_company", "email",
        "billing_email", "mobile", "street", "postal_code", "postal_key", "city", "city_key",
        "country", "family", "type", "category", "points", "turnover_group", "newsletter",
        "newsletter_at", "receives_status_mails", "last_visit",
    ]

    private static func insertSQL(table: String, columns: [String], rows: Int, suffix: String = "") -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ") + suffix
    }

    private static let updateSQL: String = {
        let assignments = columns.dropFirst().filter { $0 != "number_key" }.map { "\($0) = ?" }
        return "UPDATE customer SET \(assignments.joined(separator: ", ")), version = version + 1 "
            + "WHERE number_key = ? RETURNING id"
    }()

    private struct ChildTable {
        let single: SQLiteStatementHandle
        let group: SQLiteStatementHandle
        let delete: SQLiteStatementHandle
        let width: Int32

        init(_ db: Database, table: String, columns: [String]) throws {
            single = try SQLiteStatementHandle(db, sql: SQLiteCustomerWriter.insertSQL(
                table: table, columns: columns, rows: 1))
            group = try SQLiteStatementHandle(db, sql: SQLiteCustomerWriter.insertSQL(
                table: table, columns: columns, rows: SQLiteCustomerWriter.groupSize))
            delete = try SQLiteStatementHandle(db, sql: "DELETE FROM \(table) WHERE customer_id = ?")
            width = Int32(columns.count)
        }
    }

    private let insertOne: SQLiteStatementHandle
    private let insertGroup: SQLiteStatementHandle
    private let update: SQLiteStatementHandle
    private let findID: SQLiteStatementHandle
    private let contactEmails: ChildTable
    private let vehicles: ChildTable
    private let cards: ChildTable
    private let attributes: ChildTable
    /// New customers (id, index in the batch being written) whose child rows wait for
    /// `flushChildren`.
    private var pendingChildren: [(id: Int64, index: Int)] = []
    private var nextID: Int64
    private(set) var summary = UpsertSummary()
    private var isOpen = true

    init(_ db: Database) throws {
        let conflict = " ON CONFLICT(number_key) DO NOTHING"
        insertOne = try SQLiteStatementHandle(db, sql: Self.insertSQL(
            table: "customer", columns: Self.columns, rows: 1, suffix: conflict))
        insertGroup = try SQLiteStatementHandle(db, sql: Self.insertSQL(
            table: "customer", columns: Self.columns, rows: Self.groupSize, suffix: conflict))
        update = try SQLiteStatementHandle(db, sql: Self.updateSQL)
        findID = try SQLiteStatementHandle(db, sql: "SELECT id FROM customer WHERE number_key = ?")
        contactEmails = try ChildTable(db, table: "customer_contact_email", columns: ["customer_id", "position", "email"])
        vehicles = try ChildTable(db, table: "vehicle", columns: [
            "customer_id", "position", "type", "brand", "brand_key", "model", "plate",
        ])
        cards = try ChildTable(db, table: "customer_card", columns: [
            "customer_id", "position", "number", "template", "valid_until", "status",
        ])
        attributes = try ChildTable(db, table: "customer_attribute", columns: ["customer_id", "key", "value"])
        nextID = try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(id), 0) + 1 FROM customer") ?? 1
    }

    /// Ends the writer with its transaction: a feed that kept it cannot write later.
    func close() {
        isOpen = false
    }

    @discardableResult
    func write(_ customers: [Customer]) throws -> UpsertSummary {
        guard isOpen else {
            throw StoreError(.invalidArgument, "This customer writer belongs to an upsert that has already ended.")
        }
        var batch = UpsertSummary()
        var start = 0
        // Indices rather than `for customer in`: a copy of a customer costs a retain of
        // every field, which shows at a million rows.
        while start < customers.count {
            let end = min(start + Self.groupSize, customers.count)
            var numbers: [String] = []
            numbers.reserveCapacity(end - start)
            for index in start..<end {
                numbers.append(try Self.validNumber(
                    customers[index].number, position: summary.total + batch.total + index - start))
            }
            let firstID = nextID
            nextID += Int64(end - start)
            var inserted = 0
            if end - start == Self.groupSize {
                for index in start..<end {
                    let offset = index - start
                    try bindCustomer(customers[index], number: numbers[offset], id: firstID + Int64(offset),
                                     to: insertGroup, at: Int32(offset * Self.columns.count))
                }
                try insertGroup.execute()
                inserted = insertGroup.changes
            } else {
                for index in start..<end {
                    let offset = index - start
                    try bindCustomer(customers[index], number: numbers[offset], id: firstID + Int64(offset),
                                     to: insertOne, at: 0)
                    try insertOne.execute()
                    inserted += insertOne.changes
                }
            }
            if inserted == end - start {
                for index in start..<end {
                    pendingChildren.append((firstID + Int64(index - start), index))
                }
                batch.inserted += inserted
            } else {
                // Some numbers were there already (or twice in the group): settle each row
                // in order, children included, so a later row replaces an earlier one.
                try flushChildren(of: customers)
                for index in start..<end {
                    let offset = index - start
                    let key = Customer.numberKey(numbers[offset])
                    try findID.bind(1, key)
                    guard let id = try findID.executeReturningInteger() else {
                        throw StoreError(.database, "Customer \"\(numbers[offset])\" was neither inserted nor found.")
                    }
                    if id == firstID + Int64(offset) {
                        batch.inserted += 1
                    } else {
                        try bindCustomer(customers[index], number: numbers[offset], id: nil, to: update, at: 0)
                        try update.bind(Int32(Self.columns.count - 1), key)
                        _ = try update.executeReturningInteger()
                        for table in [contactEmails, vehicles, cards, attributes] {
                            try table.delete.bind(1, Int(id))
                            try table.delete.execute()
                        }
                        batch.updated += 1
                    }
                    pendingChildren.append((id, index))
                    try flushChildren(of: customers)
                }
            }
            start = end
        }
        try flushChildren(of: customers)
        summary = summary + batch
        return batch
    }

    /// Binds a customer's columns from parameter `base + 1` on; without an `id` (an
    /// update), the columns after `id` start at `base + 1` and the number key is skipped.
    private func bindCustomer(
        _ customer: Customer, number: String, id: Int64?, to s: SQLiteStatementHandle, at base: Int32
    ) throws {
        var index = base
        func next() -> Int32 {
            index += 1
            return index
        }
        if let id { try s.bind(next(), Int(id)) }
        try s.bind(next(), number)
        if id != nil { try s.bind(next(), Customer.numberKey(number)) }
        try s.bind(next(), Self.text(customer.firstName))
        try s.bind(next(), Self.text(customer.lastName))
        try s.bind(next(), Self.text(customer.company))
        try s.bind(next(), customer.isCompany)
        try s.bind(next(), Self.text(customer.email))
        try s.bind(next(), Self.text(customer.billingEmail))
        try s.bind(next(), Self.text(customer.mobile))
        try s.bind(next(), Self.text(customer.street))
        let postalCode = Self.text(customer.postalCode)
        try s.bind(next(), postalCode)
        try s.bind(next(), postalCode.map(Customer.postalKey))
        let city = Self.text(customer.city)
        try s.bind(next(), city)
        try s.bind(next(), city.map(Customer.foldedKey))
        try s.bind(next(), Self.country(customer.country))
        try s.bind(next(), Self.text(customer.family))
        try s.bind(next(), Self.text(customer.type))
        try s.bind(next(), Self.text(customer.category))
        try s.bind(next(), customer.points)
        try s.bind(next(), Self.text(customer.turnoverGroup))
        try s.bind(next(), customer.newsletter)
        try s.bind(next(), customer.newsletterAt?.timeIntervalSince1970)
        try s.bind(next(), customer.receivesStatusMails)
        try s.bind(next(), customer.lastVisit?.isoText)
    }

    /// Inserts the child rows of the customers in `pendingChildren` (indices into
    /// `customers`), `groupSize` rows per statement where possible.
    private func flushChildren(of customers: [Customer]) throws {
        guard !pendingChildren.isEmpty else { return }
        defer { pendingChildren.removeAll(keepingCapacity: true) }
        try insertChildren(of: customers, into: contactEmails, rows: { $0.contactEmails.lazy.compactMap(Self.text) }) {
            id, position, email, s, base in
            try s.bind(base + 1, Int(id))
            try s.bind(base + 2, position)
            try s.bind(base + 3, email)
        }
        try insertChildren(of: customers, into: vehicles, rows: \.vehicles) { id, position, vehicle, s, base in
            let brand = Self.text(vehicle.brand)
            try s.bind(base + 1, Int(id))
            try s.bind(base + 2, position)
            try s.bind(base + 3, Self.text(vehicle.type))
            try s.bind(base + 4, brand)
            try s.bind(base + 5, brand.map(Customer.foldedKey))
            try s.bind(base + 6, Self.text(vehicle.model))
            try s.bind(base + 7, Self.text(vehicle.plate))
        }
        try insertChildren(of: customers, into: cards, rows: \.cards) { id, position, card, s, base in
            try s.bind(base + 1, Int(id))
            try s.bind(base + 2, position)
            try s.bind(base + 3, card.number)
            try s.bind(base + 4, Self.text(card.template))
            try s.bind(base + 5, card.validUntil?.isoText)
            try s.bind(base + 6, card.status)
        }
        try insertChildren(of: customers, into: attributes, rows: \.attributes) { id, _, attribute, s, base in
            try s.bind(base + 1, Int(id))
            try s.bind(base + 2, attribute.key)
            try s.bind(base + 3, attribute.value)
        }
    }

    /// Inserts the rows that `rows` gives for each pending customer into a child table:
    /// bound straight into the `groupSize`-row statement, which runs whenever it is
    /// full; the rows of a last, partial group go one by one. `bind` binds one row (the
    /// customer id, the row's position, the row) from parameter `base + 1` on.
    private func insertChildren<Rows: Collection>(
        of customers: [Customer], into table: ChildTable, rows: (Customer) -> Rows,
        bind: (Int64, Int, Rows.Element, SQLiteStatementHandle, Int32) throws -> Void
    ) throws {
        var partial: [(id: Int64, position: Int, row: Rows.Element)] = []
        partial.reserveCapacity(Self.groupSize)
        for (id, index) in pendingChildren {
            for (position, row) in rows(customers[index]).enumerated() {
                try bind(id, position, row, table.group, Int32(partial.count) * table.width)
                partial.append((id, position, row))
                if partial.count == Self.groupSize {
                    try table.group.execute()
                    partial.removeAll(keepingCapacity: true)
                }
            }
        }
        for (id, position, row) in partial {
            try bind(id, position, row, table.single, 0)
            try table.single.execute()
        }
    }

    /// The number, if the store can keep it: not blank, no spaces around it, not too long.
    static func validNumber(_ number: String, position: Int) throws -> String {
        guard text(number) != nil else {
            throw StoreError.invalidCustomer(at: position, "has no customer number")
        }
        if let first = number.unicodeScalars.first, let last = number.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace {
            throw StoreError.invalidCustomer(at: position, "has the number \"\(number)\", with spaces around it")
        }
        guard number.utf8.count <= Customer.maximumNumberLength else {
            throw StoreError.invalidCustomer(
                at: position, "has the number \"\(number)\", longer than \(Customer.maximumNumberLength) bytes")
        }
        return number
    }

    /// Optional text as stored: blank text is absent.
    @inline(__always)
    static func text(_ value: String?) -> String? {
        guard let value else { return nil }
        let utf8 = value.utf8
        // Fast path: text that starts and ends with a visible ASCII character is not blank.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return value
        }
        return value.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? nil : value
    }

    /// A country code as stored: trimmed and upper-cased, blank is absent.
    static func country(_ value: String?) -> String? {
        guard let value = text(value) else { return nil }
        let trimmed = Customer.trimmingWhitespace(value)
        return trimmed.utf8.contains(where: { (0x61...0x7A).contains($0) || $0 >= 0x80 }) ? trimmed.uppercased() : trimmed
    }
}
