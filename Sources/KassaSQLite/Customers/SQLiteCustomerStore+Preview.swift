import Foundation
internal import GRDB
import KassaCore

extension SQLiteCustomerStore {
    public func previewUpsert(writing parts: CustomerParts, _ feed: (any CustomerWriter) throws -> Void) throws -> UpsertPreview {
        let preview = try access("preview the customers' upsert") {
            try database.writeWithoutTransaction { db -> UpsertPreview in
                var preview = UpsertPreview()
                // The upsert really runs, so that its checks and a number given twice count
                // as they would, and is rolled back. In WAL mode (every file store) its pages
                // go to the WAL only, never to the database file, and are dropped there.
                try db.inTransaction {
                    let writer = try SQLitePreviewWriter(db, writing: parts)
                    defer { writer.close() }
                    try feed(writer)
                    preview = writer.preview
                    return .rollback
                }
                return preview
            }
        }
        logger.debug("Previewed an upsert of customers", metadata: [
            "inserted": "\(preview.summary.inserted)", "updated": "\(preview.summary.updated)",
        ])
        return preview
    }
}

/// The writer of a preview: before the upsert writer writes a customer, the stored
/// customer with that number is read and compared with what would be written over it.
///
/// A batch is read in one go and written in one go; where a number comes again within a
/// batch, the batch is cut there, so that its second customer is compared with what the
/// first wrote.
final class SQLitePreviewWriter: CustomerWriter {
    private let db: Database
    private let writer: SQLiteCustomerWriter
    private var tally: UpsertPreview.Tally

    init(_ db: Database, writing parts: CustomerParts) throws {
        self.db = db
        writer = try SQLiteCustomerWriter(db, writing: parts)
        tally = UpsertPreview.Tally(parts)
    }

    /// What the customers written so far would do.
    var preview: UpsertPreview {
        UpsertPreview(summary: writer.summary, changes: tally.changes)
    }

    func close() {
        writer.close()
    }

    @discardableResult
    func write(_ customers: [Customer]) throws -> UpsertSummary {
        var batch = UpsertSummary()
        var start = customers.startIndex
        var keys: Set<String> = []
        for index in customers.indices where !keys.insert(Customer.numberKey(customers[index].number)).inserted {
            batch = batch + (try write(customers[start..<index]))
            start = index
            keys = [Customer.numberKey(customers[index].number)]
        }
        return batch + (try write(customers[start...]))
    }

    private func write(_ customers: ArraySlice<Customer>) throws -> UpsertSummary {
        guard !customers.isEmpty else { return UpsertSummary() }
        let stored = try SQLiteCustomerStore.customers(numberKeys: customers.map { Customer.numberKey($0.number) }, db)
        let byKey = Dictionary(stored.map { (Customer.numberKey($0.number), $0) }, uniquingKeysWith: { first, _ in first })
        for customer in customers {
            if let old = byKey[Customer.numberKey(customer.number)] { tally.compare(old, with: customer) }
        }
        return try writer.write(Array(customers))
    }
}

extension UpsertPreview {
    /// Counts, part by part, what writing customers over stored ones would change.
    struct Tally {
        let parts: CustomerParts
        private let fields: [Customer.Field]
        private var counts: [String: Change] = [:]
        private var order: [String] = []

        init(_ parts: CustomerParts) {
            self.parts = parts
            fields = Customer.Field.allCases.filter { field in
                field != .number && (parts.fields.contains(field) || (field == .newsletterAt && parts.newsletterAtFollowsNewsletter))
            }
            for field in fields { add(field.rawValue) }
            if parts.vehicles { add("vehicles") }
            if parts.cards { add("cards") }
            if case .keys(let keys) = parts.attributes {
                for key in keys.sorted() { add(attributePrefix + key) }
            }
        }

        /// The counts in the order of `UpsertPreview.changes`; attributes found while
        /// comparing (when all are written) come last, by key.
        var changes: [Change] {
            let found = counts.keys.filter { !order.contains($0) }.sorted()
            return (order + found).compactMap { counts[$0] }
        }

        private mutating func add(_ part: String) {
            order.append(part)
            counts[part] = Change(part: part)
        }

        /// Counts what writing `new` over `old` would change.
        mutating func compare(_ old: Customer, with new: Customer) {
            for field in fields {
                let before = Self.value(field, of: old)
                var after = Self.value(field, of: new)
                if field == .newsletterAt && parts.newsletterAtFollowsNewsletter {
                    after = old.newsletter == new.newsletter ? before : nil
                }
                count(field.rawValue, before, after)
            }
            if parts.vehicles { count("vehicles", Self.list(old.vehicles), Self.list(new.vehicles)) }
            if parts.cards { count("cards", Self.list(old.cards), Self.list(new.cards)) }
            let keys: Set<String> = switch parts.attributes {
            case .keys(let keys): keys
            case .all: Set(old.attributes.keys).union(new.attributes.keys)
            }
            for key in keys {
                count(attributePrefix + key, old.attributes[key], SQLiteCustomerWriter.text(new.attributes[key]))
            }
        }

        private mutating func count<Value: Equatable>(_ part: String, _ before: Value?, _ after: Value?) {
            guard before != after else { return }
            var change = counts[part] ?? Change(part: part)
            change.changed += 1
            if before != nil && after == nil { change.cleared += 1 }
            counts[part] = change
        }

        private static func list<Element>(_ list: [Element]) -> [Element]? {
            list.isEmpty ? nil : list
        }

        /// A field's value as the store keeps it; `nil` for an empty one (no text, no, 0,
        /// no date, no addresses).
        static func value(_ field: Customer.Field, of customer: Customer) -> AnyHashable? {
            func text(_ value: String?) -> AnyHashable? { SQLiteCustomerWriter.text(value) }
            func flag(_ value: Bool) -> AnyHashable? { value ? true : nil }
            switch field {
            case .number: return customer.number
            case .firstName: return text(customer.firstName)
            case .lastName: return text(customer.lastName)
            case .company: return text(customer.company)
            case .isCompany: return flag(customer.isCompany)
            case .email: return text(customer.email)
            case .billingEmail: return text(customer.billingEmail)
            case .contactEmails: return list(customer.contactEmails)
            case .mobile: return text(customer.mobile)
            case .street: return text(customer.street)
            case .postalCode: return text(customer.postalCode)
            case .city: return text(customer.city)
            case .country: return SQLiteCustomerWriter.country(customer.country)
            case .family: return text(customer.family)
            case .type: return text(customer.type)
            case .category: return text(customer.category)
            case .points: return customer.points == 0 ? nil : customer.points
            case .turnoverGroup: return text(customer.turnoverGroup)
            case .newsletter: return flag(customer.newsletter)
            case .newsletterAt: return customer.newsletterAt
            case .receivesStatusMails: return flag(customer.receivesStatusMails)
            case .lastVisit: return customer.lastVisit
            }
        }
    }
}
