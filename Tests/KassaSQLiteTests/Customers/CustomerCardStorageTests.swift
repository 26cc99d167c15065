import Foundation
import GRDB
import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("Customer cards with order details and programmes in the store")
struct CustomerCardStorageTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    static let ordered = CustomerCard(
        number: "ORD-000007", template: "GOLD", validUntil: day("2028-01-31"), status: "submitted",
        orderedOn: day("2026-11-30"), dispatchOn: day("2026-12-01"), cost: Money(minorUnits: 1_250),
        programmes: [
            try! LoyaltyProgramme(kind: .discount, name: "Club \"10\"", details: "on bikes\nonly", percent: 10),
            try! LoyaltyProgramme(kind: .voucher, name: "Welcome", amount: Money(minorUnits: 500)),
            try! LoyaltyProgramme(kind: .bonusArticle, name: "Wash", article: "W-10 ö"),
        ])

    @Test("order dates, cost and programmes come back as written, beside a card without them")
    func roundTrip() throws {
        let customer = Customer(number: "5", cards: [CustomerCard(number: "2990001", template: "BASIS"), Self.ordered])
        let store = try StoreFixtures.store([customer])
        let stored = try #require(try store.customer(number: "5"))
        #expect(stored.cards == customer.cards)
        #expect(stored.cards[0].orderedOn == nil && stored.cards[0].cost == nil && stored.cards[0].programmes.isEmpty)
    }

    @Test("a card stored before order details existed reads with none")
    func oldStoredJSON() throws {
        let store = try StoreFixtures.store([Customer(number: "6")])
        try store.database.write { db in
            try db.execute(sql: """
                UPDATE customer SET cards = '[{"number":"2990002","template":"BASIS","valid_until":"2027-03-31","status":"active"}]'
                WHERE number = '6'
                """)
        }
        let card = try #require(try store.customer(number: "6")?.cards.first)
        #expect(card == CustomerCard(number: "2990002", template: "BASIS", validUntil: Self.day("2027-03-31"), status: "active"))
    }

    @Test("a card without order details is stored exactly as before they existed")
    func unchangedLayout() throws {
        let text = StoredJSON.cardsText([CustomerCard(number: "1", template: "A", validUntil: Self.day("2027-01-02"))])
        #expect(text == #"[{"number":"1","template":"A","valid_until":"2027-01-02","status":"active"}]"#)
        #expect(StoredJSON.cardsText([]) == nil)
    }

    @Test("an unreadable stored cost is an error naming the card and the customer")
    func corruptCost() throws {
        let store = try StoreFixtures.store([Customer(number: "7")])
        try store.database.write { db in
            try db.execute(sql: """
                UPDATE customer SET cards = '[{"number":"K1","status":"ordered","cost":"4,90"}]' WHERE number = '7'
                """)
        }
        let error = try #require(throws: StoreError.self) { try store.customer(number: "7") }
        #expect(error.code == .database)
        #expect(error.message.contains("\"K1\"") && error.message.contains("\"7\"") && error.message.contains("\"4,90\""))
    }

    @Test("customer JSON without programmes or order details reads, and writes them back")
    func codable() throws {
        let old = try JSONDecoder().decode(CustomerCard.self, from: Data(#"{"number":"9","status":"active"}"#.utf8))
        #expect(old == CustomerCard(number: "9"))
        let data = try JSONEncoder().encode(Self.ordered)
        #expect(try JSONDecoder().decode(CustomerCard.self, from: data) == Self.ordered)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["cost"] as? String == "12.50")
        #expect((object["programmes"] as? [Any])?.count == 3)
    }
}
