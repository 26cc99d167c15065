import Foundation
internal import GRDB
import KassaCore

/// Loading whole customers by id, their list-valued JSON columns unpacked by SQLite's
/// `json_each` (in C, no JSON decoding in Swift).
extension SQLiteCustomerStore {
    private static let customerColumns = """
        id, number, first_name, last_name, company, is_company, email, billing_email, mobile,
        street, postal_code, city, country, family, type, category, points, turnover_group,
        newsletter, newsletter_at, receives_status_mails, last_visit
        """

    /// The customers with these ids, in customer-number order.
    ///
    /// The ids travel as one JSON array parameter (`json_each`), so the statement text is
    /// the same for every batch and stays in GRDB's statement cache.
    static func customers(ids: some Collection<Int64>, _ db: Database, lists: Bool = true) throws -> [Customer] {
        guard !ids.isEmpty else { return [] }
        let idList = jsonArray(ids)
        var customers: [Customer] = []
        customers.reserveCapacity(ids.count)
        var index: [Int64: Int] = [:]
        index.reserveCapacity(ids.count)
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT \(customerColumns) FROM customer
                WHERE id IN (SELECT value FROM json_each(?)) ORDER BY number_key
                """),
            arguments: [idList])
        while let row = try rows.next() {
            index[row[0]] = customers.count
            customers.append(customer(row))
        }
        guard lists else { return customers }

        let emails = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT c.id, e.value FROM customer c, json_each(c.contact_emails) e
                WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id, e.key
                """),
            arguments: [idList])
        while let row = try emails.next() {
            if let at = index[row[0]] { customers[at].contactEmails.append(row[1]) }
        }

        // A vehicle is [type, brand, brand_key, model, plate] (StoredJSON.VehicleIndex).
        let vehicles = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT c.id, v.value ->> 0, v.value ->> 1, v.value ->> 3, v.value ->> 4
                FROM customer c, json_each(c.vehicles) v
                WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id, v.key
                """),
            arguments: [idList])
        while let row = try vehicles.next() {
            if let at = index[row[0]] {
                customers[at].vehicles.append(Vehicle(type: row[1], brand: row[2], model: row[3], plate: row[4]))
            }
        }

        // Cards stored before orders were recorded lack the order keys: `->>` gives NULL.
        let cards = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT c.id, c.number, k.value ->> 'number', k.value ->> 'template', k.value ->> 'valid_until',
                       k.value ->> 'status', k.value ->> 'ordered_on', k.value ->> 'dispatch_on', k.value ->> 'cost',
                       k.value -> 'programmes'
                FROM customer c, json_each(c.cards) k
                WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id, k.key
                """),
            arguments: [idList])
        while let row = try cards.next() {
            if let at = index[row[0]] { customers[at].cards.append(try card(row)) }
        }

        let attributes = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT c.id, a.key, a.value FROM customer c, json_each(c.attributes) a
                WHERE c.id IN (SELECT value FROM json_each(?))
                """),
            arguments: [idList])
        while let row = try attributes.next() {
            if let at = index[row[0]] { customers[at].attributes[row[1]] = row[2] as String }
        }
        return customers
    }

    /// A card from its row of the cards query: customer id and number, then the card's keys.
    private static func card(_ row: Row) throws -> CustomerCard {
        func day(_ column: Int) -> CalendarDate? {
            (row[column] as String?).flatMap { CalendarDate($0) }
        }
        let costText: String? = row[8]
        let programmesText: String? = row[9]
        var card = CustomerCard(number: row[2], template: row[3], validUntil: day(4), status: row[5],
                                orderedOn: day(6), dispatchOn: day(7))
        func unreadable(_ what: String) -> StoreError {
            StoreError(.database, "Card \"\(card.number)\" of customer \"\(row[1] as String)\" is stored with \(what) that cannot be read; was it written by a newer Kassa?")
        }
        if let costText {
            guard let cost = Money(costText) else { throw unreadable("the cost \"\(costText)\"") }
            card.cost = cost
        }
        if let programmesText {
            do {
                card.programmes = try JSONDecoder().decode([LoyaltyProgramme].self, from: Data(programmesText.utf8))
            } catch {
                throw unreadable("loyalty programmes")
            }
        }
        return card
    }

    private static func customer(_ row: Row) -> Customer {
        let newsletterAt: Double? = row[19]
        let lastVisit: String? = row[21]
        return Customer(
            number: row[1],
            firstName: row[2],
            lastName: row[3],
            company: row[4],
            isCompany: row[5],
            email: row[6],
            billingEmail: row[7],
            mobile: row[8],
            street: row[9],
            postalCode: row[10],
            city: row[11],
            country: row[12],
            family: row[13],
            type: row[14],
            category: row[15],
            points: row[16],
            turnoverGroup: row[17],
            newsletter: row[18],
            newsletterAt: newsletterAt.map { Date(timeIntervalSince1970: $0) },
            receivesStatusMails: row[20],
            lastVisit: lastVisit.flatMap { CalendarDate($0) })
    }

    /// `[1,2,3]`: a JSON array of integers, for a `json_each(?)` parameter.
    static func jsonArray(_ ids: some Collection<Int64>) -> String {
        var text = "["
        text.reserveCapacity(ids.count * 8 + 2)
        var first = true
        for id in ids {
            if !first { text.append(",") }
            text.append(String(id))
            first = false
        }
        text.append("]")
        return text
    }

    /// A JSON array of strings, for a `json_each(?)` parameter.
    static func jsonArray(_ texts: [String]) -> String {
        let data = (try? JSONEncoder().encode(texts)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
