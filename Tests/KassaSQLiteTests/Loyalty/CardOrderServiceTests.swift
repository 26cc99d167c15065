import Foundation
import KassaCards
import Logging
import Testing
@testable import KassaCore
@testable import KassaSQLite

/// An order service that refuses every batch.
private struct RefusingProvider: CardOrderProvider {
    struct Down: Error {}
    func submit(_ orders: [CardOrder]) throws -> CardOrderReceipt { throw Down() }
}

@Suite("Ordering cards: recorded, submitted, on the customer (CardOrderService)")
struct CardOrderServiceTests {
    static let today = CalendarDate("2026-12-23")!   // a Wednesday; 24–25 are holidays below
    static let settings = CardSettings(
        provider: .file, rhythm: .daily, holidays: [CalendarDate("2026-12-24")!, CalendarDate("2026-12-25")!],
        templates: [.init(name: "BASIS", cost: 4.90), .init(name: "GOLD", cost: 12.50)])

    private func service(_ fixture: LoyaltyFixture, settings: CardSettings = CardOrderServiceTests.settings) -> CardOrderService {
        CardOrderService(customers: fixture.customers, loyalty: fixture.loyalty, settings: settings,
                         provider: CardOrderProviderFactory.make(settings: settings, outboxDirectory: fixture.outbox,
                                                                 logger: Logger(label: "test")),
                         today: { Self.today })
    }

    @Test("an order goes on the customer's cards with its dates and cost, and to the outbox")
    func order() throws {
        let fixture = try LoyaltyFixture()
        let placed = try service(fixture).order(customerNumber: "3", request: CardOrderRequest(template: "GOLD", comment: " to the store "))
        #expect(placed.cardNumber == "ORD-000001")
        #expect(placed.order.status == .submitted)
        #expect(placed.order.dispatchDate == CalendarDate("2026-12-28"))
        #expect(placed.order.comment == "to the store")
        let receipt = try #require(placed.receipt)
        #expect(receipt.locations.count == 2)
        #expect(receipt.locations.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let card = try #require(try fixture.customers.customer(number: "3")?.cards.first)
        #expect(card == CustomerCard(number: "ORD-000001", template: "GOLD", status: "submitted", orderedOn: Self.today,
                                     dispatchOn: CalendarDate("2026-12-28"), cost: Money(minorUnits: 1_250)))
        #expect(try fixture.loyalty.cardOrders(customerNumber: "3") == [placed])
        let second = try service(fixture).order(customerNumber: "3", request: CardOrderRequest(template: "BASIS"))
        #expect(second.cardNumber == "ORD-000002")
        #expect(try service(fixture).cards(of: "3").map(\.number) == ["ORD-000001", "ORD-000002"])
    }

    @Test("a refused order records nothing and leaves the customer's cards as they were")
    func refusals() throws {
        let fixture = try LoyaltyFixture()
        var none = Self.settings
        none.provider = .none
        var http = Self.settings
        http.provider = .http
        let cases: [(CardOrderService, String, CardOrderRequest, CardError.Code)] = [
            (service(fixture), "no-such", CardOrderRequest(template: "GOLD"), .unknownCustomer),
            (service(fixture, settings: none), "3", CardOrderRequest(template: "GOLD"), .noOrderService),
            (service(fixture), "3", CardOrderRequest(), .templateRequired),
            (service(fixture), "3", CardOrderRequest(template: "gold"), .unknownTemplate),
            (service(fixture), "3", CardOrderRequest(template: "GOLD", validUntil: CalendarDate("2026-12-22")), .validityInPast),
            (service(fixture), "3", CardOrderRequest(template: "GOLD", validUntil: CalendarDate("2026-12-24")), .validityBeforeDispatch),
            (service(fixture, settings: http), "3", CardOrderRequest(template: "GOLD"), .providerUnavailable),
        ]
        for (service, number, request, code) in cases {
            let error = try #require(throws: CardError.self) { try service.order(customerNumber: number, request: request) }
            #expect(error.code == code, "\(number) \(request)")
        }
        let noService = try #require(throws: CardError.self) {
            try service(fixture, settings: none).order(customerNumber: "3", request: CardOrderRequest())
        }
        #expect(noService.message.contains("request for information"))
        let unavailable = try #require(throws: CardError.self) {
            try service(fixture, settings: http).order(customerNumber: "3", request: CardOrderRequest(template: "GOLD"))
        }
        #expect(unavailable.message.contains("\"http\"") && unavailable.message.contains("needs url"))
        #expect(try fixture.customers.customer(number: "3")?.cards == [])
        #expect(try fixture.loyalty.cardOrders(customerNumber: "3").isEmpty)
        #expect(fixture.entries().isEmpty)
    }

    @Test("an order the service does not take is withdrawn: no record, no card")
    func providerFailure() throws {
        let fixture = try LoyaltyFixture()
        let service = CardOrderService(customers: fixture.customers, loyalty: fixture.loyalty, settings: Self.settings,
                                       provider: RefusingProvider(), today: { Self.today })
        #expect(throws: RefusingProvider.Down.self) { try service.order(customerNumber: "4", request: CardOrderRequest(template: "BASIS")) }
        #expect(try fixture.customers.customer(number: "4")?.cards == [])
        #expect(try fixture.loyalty.cardOrders(customerNumber: "4").isEmpty)
    }

    @Test("a programme attaches to an ordered card and stays on it")
    func attachProgramme() throws {
        let fixture = try LoyaltyFixture()
        let placed = try service(fixture).order(customerNumber: "4", request: CardOrderRequest(template: "BASIS"))
        let discount = try LoyaltyProgramme(kind: .discount, name: "Club", percent: 10)
        let card = try fixture.loyalty.attachProgramme(discount, toCard: placed.cardNumber, of: "4")
        #expect(card.programmes == [discount])
        #expect(try fixture.customers.customer(number: "4")?.cards.first?.programmes == [discount])
        let unknown = try #require(throws: CardError.self) { try fixture.loyalty.attachProgramme(discount, toCard: "X", of: "4") }
        #expect(unknown.code == .unknownCard)
        #expect(unknown.message.contains("\"X\"") && unknown.message.contains("ORD-000001"))
    }

    @Test("a recorded order reads back as JSON with its receipt")
    func json() throws {
        let fixture = try LoyaltyFixture()
        let placed = try service(fixture).order(customerNumber: "3", request: CardOrderRequest(template: "BASIS"))
        let data = try JSONEncoder().encode(placed)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["card_number"] as? String == "ORD-000001")
        #expect(object["dispatch_date"] as? String == "2026-12-28")
        #expect((object["receipt"] as? [String: Any])?["order_count"] as? Int == 1)
        #expect(try JSONDecoder().decode(PlacedCardOrder.self, from: data) == placed)
    }
}
