import Foundation
import Testing
@testable import KassaCore

@Suite("Checking and scheduling card orders")
struct CardOrderPlannerTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 23)!   // a Wednesday
    private let customer = Customer(number: "D-1001", firstName: "Klaus")
    /// One free template, given explicitly: `CardSettings` has none of its own.
    private let standard = CardSettings.Template(name: "standard", cost: 0)
    private let templates = [CardSettings.Template(name: "BASIS", cost: 4.90), CardSettings.Template(name: "GOLD", cost: 12.50)]

    private func planner(_ settings: CardSettings) -> CardOrderPlanner {
        CardOrderPlanner(settings: settings)
    }

    private func refusal(_ settings: CardSettings, _ request: CardOrderRequest) -> CardError? {
        do {
            _ = try planner(settings).order(request, for: customer, today: today)
            return nil
        } catch {
            return error
        }
    }

    @Test("a full order: template, cost, validity, dispatch date, comment, status")
    func fullOrder() throws {
        let settings = CardSettings(rhythm: .daily, holidays: [CalendarDate("2026-12-24")!, CalendarDate("2026-12-25")!], templates: templates)
        let request = CardOrderRequest(template: "GOLD", validUntil: CalendarDate("2027-12-31"), comment: "  Bitte an die Filiale senden ")
        let order = try planner(settings).order(request, for: customer, today: today)
        #expect(order == CardOrder(
            customerNumber: "D-1001", template: "GOLD", cost: Money(minorUnits: 1_250),
            validUntil: CalendarDate("2027-12-31"), orderDate: today, dispatchDate: CalendarDate("2026-12-28")!,
            comment: "Bitte an die Filiale senden", status: .ordered))
    }

    @Test("without an order service only a request for information can be made")
    func noOrderService() {
        let error = refusal(CardSettings(provider: .none, templates: templates), CardOrderRequest(template: "BASIS"))
        #expect(error?.code == .noOrderService)
        #expect(error?.message.contains("request for information") == true)
        #expect(error?.message.contains("\"D-1001\"") == true)
    }

    @Test("with several templates and none chosen, the choice is asked for")
    func templateRequired() {
        let error = refusal(CardSettings(templates: templates), CardOrderRequest())
        #expect(error?.code == .templateRequired)
        #expect(error?.choices == ["BASIS", "GOLD"])
        #expect(error?.message.contains("\"BASIS\", \"GOLD\"") == true)
    }

    @Test("the only template is used when none is chosen")
    func onlyTemplate() throws {
        let order = try planner(CardSettings(templates: [standard])).order(CardOrderRequest(), for: customer, today: today)
        #expect(order.template == "standard")
        #expect(order.cost == .zero)
    }

    @Test("an unknown template is refused with the known ones", arguments: ["PLATIN", "basis", " BASIS", ""])
    func unknownTemplate(name: String) {
        let error = refusal(CardSettings(templates: templates), CardOrderRequest(template: name))
        #expect(error?.code == .unknownTemplate)
        #expect(error?.choices == ["BASIS", "GOLD"])
        #expect(error?.message.contains(CardError.quoted(name)) == true)
    }

    @Test("no templates at all is a configuration problem")
    func noTemplates() {
        #expect(refusal(CardSettings(templates: []), CardOrderRequest())?.code == .noTemplates)
    }

    @Test("a cost below 0 or with a third decimal is refused", arguments: [-1.0, 4.905])
    func invalidCost(cost: Double) {
        let error = refusal(CardSettings(templates: [.init(name: "ODD", cost: cost)]), CardOrderRequest())
        #expect(error?.code == .invalidCost)
        #expect(error?.message.contains("\"ODD\"") == true)
    }

    @Test("a validity date is enforced when the service requires one")
    func validityRequired() throws {
        let settings = CardSettings(validityRequired: true, templates: [standard])
        let error = refusal(settings, CardOrderRequest())
        #expect(error?.code == .validityRequired)
        #expect(error?.message.contains("--valid-until") == true)
        let order = try planner(settings).order(CardOrderRequest(validUntil: CalendarDate("2027-06-30")), for: customer, today: today)
        #expect(order.validUntil == CalendarDate("2027-06-30"))
    }

    @Test("a validity date in the past is refused")
    func validityInPast() {
        let error = refusal(CardSettings(templates: [standard]), CardOrderRequest(validUntil: CalendarDate("2026-12-22")))
        #expect(error?.code == .validityInPast)
        #expect(error?.message.contains("2026-12-22") == true)
    }

    @Test("a card may not expire before it is dispatched")
    func validityBeforeDispatch() throws {
        let settings = CardSettings(rhythm: .monthly, templates: [standard])
        for validUntil in ["2026-12-23", "2026-12-31"] {
            let error = refusal(settings, CardOrderRequest(validUntil: CalendarDate(validUntil)))
            #expect(error?.code == .validityBeforeDispatch, "\(validUntil)")
            #expect(error?.message.contains("2027-01-01") == true)
        }
        let order = try planner(settings).order(CardOrderRequest(validUntil: CalendarDate("2027-01-01")), for: customer, today: today)
        #expect(order.dispatchDate == CalendarDate("2027-01-01"))
    }

    @Test("a blank comment is no comment", arguments: [nil, "", "  \n "])
    func blankComment(comment: String?) throws {
        let order = try planner(CardSettings(templates: [standard])).order(CardOrderRequest(comment: comment), for: customer, today: today)
        #expect(order.comment == nil)
    }

    @Test("the order service check comes first, then the template, then the validity")
    func checkOrder() {
        let strict = CardSettings(provider: .none, validityRequired: true, templates: templates)
        #expect(refusal(strict, CardOrderRequest())?.code == .noOrderService)
        var open = strict
        open.provider = .file
        #expect(refusal(open, CardOrderRequest())?.code == .templateRequired)
        #expect(refusal(open, CardOrderRequest(template: "GOLD"))?.code == .validityRequired)
    }

    @Test("an order is JSON with snake_case keys, text dates and a text cost, and reads back")
    func json() throws {
        let order = try planner(CardSettings(templates: templates)).order(
            CardOrderRequest(template: "BASIS", validUntil: CalendarDate("2027-12-31"), comment: "Filiale"), for: customer, today: today)
        let data = try JSONEncoder().encode(order)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["customer_number"] as? String == "D-1001")
        #expect(object["cost"] as? String == "4.90")
        #expect(object["valid_until"] as? String == "2027-12-31")
        #expect(object["order_date"] as? String == "2026-12-23")
        #expect(object["dispatch_date"] as? String == "2026-12-24")
        #expect(object["status"] as? String == "ordered")
        #expect(try JSONDecoder().decode(CardOrder.self, from: data) == order)
    }

    @Test("the ordered card goes on the customer's cards")
    func card() throws {
        let order = try planner(CardSettings(templates: [standard])).order(CardOrderRequest(validUntil: CalendarDate("2027-12-31")), for: customer, today: today)
        #expect(order.card(number: "b1-1") == CustomerCard(
            number: "b1-1", template: "standard", validUntil: CalendarDate("2027-12-31"), status: "ordered",
            orderedOn: today, dispatchOn: order.dispatchDate, cost: .zero, programmes: []))
        #expect(order.dispatchDate > today)
    }

    @Test("a request is JSON with a text date")
    func requestJSON() throws {
        let request = CardOrderRequest(template: "GOLD", validUntil: CalendarDate("2027-01-31"), comment: nil)
        let data = try JSONEncoder().encode(request)
        #expect(String(decoding: data, as: UTF8.self).contains(#""valid_until":"2027-01-31""#))
        #expect(try JSONDecoder().decode(CardOrderRequest.self, from: data) == request)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CardOrderRequest.self, from: Data(#"{"valid_until":"31.01.2027"}"#.utf8))
        }
    }
}
