import Foundation
internal import GRDB
import KassaCore

/// Card orders and the cards they put on the customers.
extension SQLiteLoyaltyStore {
    public func recordCardOrder(_ order: CardOrder) throws -> PlacedCardOrder {
        try cardAccess("record the card order for customer \(CardError.quoted(order.customerNumber))") {
            try database.write { db in
                var customer = try Self.customer(order.customerNumber, db)
                try db.execute(
                    sql: """
                        INSERT INTO loyalty_card_order (customer_number, template, cost_cents, valid_until, ordered_on,
                                                        dispatch_on, comment, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [order.customerNumber, order.template, order.cost.minorUnits, order.validUntil?.description,
                                order.orderDate.description, order.dispatchDate.description, order.comment,
                                order.status.rawValue])
                let id = db.lastInsertedRowID
                let cardNumber = PlacedCardOrder.reference(for: id)
                try db.execute(sql: "UPDATE loyalty_card_order SET card_number = ? WHERE id = ?", arguments: [cardNumber, id])
                customer.cards.append(order.card(number: cardNumber))
                try Self.saveCards(of: customer, db)
                return PlacedCardOrder(id: id, cardNumber: cardNumber, order: order)
            }
        }
    }

    public func markCardOrderSubmitted(_ id: Int64, receipt: CardOrderReceipt) throws -> PlacedCardOrder {
        try cardAccess("mark card order \(id) submitted") {
            try database.write { db in try Self.mark(id, .submitted, receipt: receipt, db) }
        }
    }

    public func markCardOrderUnknown(_ id: Int64, sent: CardOrderReceipt) throws -> PlacedCardOrder {
        try cardAccess("mark card order \(id) unknown") {
            try database.write { db in try Self.mark(id, .unknown, receipt: sent, db) }
        }
    }

    public func withdrawCardOrder(_ id: Int64) throws {
        try cardAccess("withdraw card order \(id)") {
            try database.write { db in
                let placed = try Self.order(id, db)
                try db.execute(sql: "DELETE FROM loyalty_card_order WHERE id = ?", arguments: [id])
                var customer = try Self.customer(placed.order.customerNumber, db)
                customer.cards.removeAll { $0.number == placed.cardNumber }
                try Self.saveCards(of: customer, db)
            }
        }
    }

    public func cardOrders(customerNumber: String) throws -> [PlacedCardOrder] {
        try cardAccess("list the card orders of customer \(CardError.quoted(customerNumber))") {
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM loyalty_card_order WHERE customer_number = ? ORDER BY id",
                                 arguments: [customerNumber]).map(Self.placedOrder)
            }
        }
    }

    public func attachProgramme(_ programme: LoyaltyProgramme, toCard cardNumber: String,
                                of customerNumber: String) throws -> CustomerCard {
        try cardAccess("attach a programme to card \(CardError.quoted(cardNumber))") {
            try database.write { db in
                var customer = try Self.customer(customerNumber, db)
                guard let index = customer.cards.firstIndex(where: { $0.number == cardNumber }) else {
                    let known = customer.cards.map { CardError.quoted($0.number) }.joined(separator: ", ")
                    throw CardError(.unknownCard,
                                    "Customer \(CardError.quoted(customerNumber)) has no card \(CardError.quoted(cardNumber)); \(known.isEmpty ? "the customer has no cards" : "the cards are \(known)")")
                }
                customer.cards[index].programmes.append(programme)
                try Self.saveCards(of: customer, db)
                return customer.cards[index]
            }
        }
    }

    // MARK: - Rows

    /// The customer with `number`, read inside the caller's transaction.
    private static func customer(_ number: String, _ db: Database) throws -> Customer {
        guard let id = try SQLiteCustomerStore.id(ofNumber: number, db),
              let customer = try SQLiteCustomerStore.customers(ids: [id], db).first else {
            throw CardError(.unknownCustomer, "There is no customer with number \(CardError.quoted(number))")
        }
        return customer
    }

    /// Writes a customer's cards back; the rest of the row stays as it is.
    private static func saveCards(of customer: Customer, _ db: Database) throws {
        try db.execute(sql: "UPDATE customer SET cards = ?, version = version + 1 WHERE number_key = ?",
                       arguments: [StoredJSON.cardsText(customer.cards), Customer.numberKey(customer.number)])
    }

    /// Gives an order and its card `status`, keeping `receipt` (for `unknown`, the batch as
    /// sent), inside the caller's transaction.
    private static func mark(_ id: Int64, _ status: CardOrder.Status, receipt: CardOrderReceipt, _ db: Database) throws -> PlacedCardOrder {
        var placed = try order(id, db)
        placed.order.status = status
        placed.receipt = receipt
        try db.execute(sql: "UPDATE loyalty_card_order SET status = ?, receipt = ? WHERE id = ?",
                       arguments: [status.rawValue, try json(receipt), id])
        var customer = try Self.customer(placed.order.customerNumber, db)
        for index in customer.cards.indices where customer.cards[index].number == placed.cardNumber {
            customer.cards[index].status = status.rawValue
        }
        try saveCards(of: customer, db)
        return placed
    }

    private static func order(_ id: Int64, _ db: Database) throws -> PlacedCardOrder {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM loyalty_card_order WHERE id = ?", arguments: [id]) else {
            throw CardError(.database, "There is no card order \(id)")
        }
        return try placedOrder(row)
    }

    private static func placedOrder(_ row: Row) throws -> PlacedCardOrder {
        let id: Int64 = row["id"]
        func day(_ column: String) -> CalendarDate? { (row[column] as String?).flatMap { CalendarDate($0) } }
        guard let orderedOn = day("ordered_on"), let dispatchOn = day("dispatch_on"),
              let status = CardOrder.Status(rawValue: row["status"]) else {
            throw CardError(.database, "Card order \(id) is stored with an unknown date or status; was it written by a newer Kassa?")
        }
        let order = CardOrder(customerNumber: row["customer_number"], template: row["template"],
                              cost: Money(minorUnits: row["cost_cents"]), validUntil: day("valid_until"),
                              orderDate: orderedOn, dispatchDate: dispatchOn, comment: row["comment"], status: status)
        var receipt: CardOrderReceipt?
        if let text = row["receipt"] as String? {
            do {
                receipt = try JSONDecoder().decode(CardOrderReceipt.self, from: Data(text.utf8))
            } catch {
                throw CardError(.database, "Card order \(id) is stored with a receipt Kassa cannot read: \(error)")
            }
        }
        return PlacedCardOrder(id: id, cardNumber: row["card_number"] ?? PlacedCardOrder.reference(for: id),
                               order: order, receipt: receipt)
    }

    private static func json(_ receipt: CardOrderReceipt) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(receipt), as: UTF8.self)
    }
}
