import Foundation
import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("Cheque preview, pay-out by selection, and the list for the post (ChequeService)")
struct ChequeServiceTests {
    @Test("the preview names who gets which cheque and who has no e-mail, and pays nothing")
    func preview() throws {
        let fixture = try LoyaltyFixture()
        let before = try fixture.allPoints()
        let preview = try fixture.service().preview(CustomerSelection())
        #expect(preview.entries.map(\.customerNumber) == ["3", "4", "5", "7"])
        #expect(preview.entries.map(\.award.value.description) == ["5.00", "15.00", "1000.00", "5.00"])
        #expect(preview.withoutEmail == ["6"])
        #expect(preview.totalValue == Money(minorUnits: 102_500))
        #expect(preview.pointsUsed == 102_500)
        #expect(try fixture.allPoints() == before)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(preview)) as? [String: Any])
        #expect(json["total_value"] as? String == "1025.00")
        #expect((json["cheques"] as? [[String: Any]])?.first?["leftover_points"] as? Int == 0)
    }

    @Test("the selection narrows the pay-out; a points range cannot go below one cheque")
    func selectionNarrows() throws {
        let fixture = try LoyaltyFixture()
        var selection = CustomerSelection()
        selection.excludedNumbers = ["5"]
        selection.points = PointsRange(minimum: 100, maximum: 2_000)
        #expect(fixture.service().candidates(selection).points == PointsRange(minimum: 500, maximum: 2_000))
        let issue = try fixture.service().issue(selection, file: VoucherFileName("KADO.CSV"), directory: fixture.outbox,
                                                on: LoyaltyFixture.day, encoder: JoinedVoucherEncoder())
        #expect(issue.cheques.map(\.customerNumber) == ["3", "4", "7"])
        #expect(issue.withoutEmail == ["6"])
        #expect(try fixture.points("5") == 100_000)
    }

    @Test("what is left after the e-mail run: customers without e-mail and those deselected")
    func remaining() throws {
        let fixture = try LoyaltyFixture()
        var selection = CustomerSelection()
        selection.excludedNumbers = ["7"]
        _ = try fixture.service().issue(selection, file: VoucherFileName("KADO.CSV"), directory: fixture.outbox,
                                        on: LoyaltyFixture.day, encoder: JoinedVoucherEncoder())
        var left: [RemainingCheque] = []
        try fixture.service().remaining(CustomerSelection()).forEach { left += $0 }
        #expect(left.map(\.customerNumber) == ["6", "7"])
        #expect(left.map(\.reason) == [.noEmail, .notPaid])
        #expect(left[0].city == "Malmö" && left[0].street == "Storgatan 1" && left[0].email == nil)
        #expect(left[0].award.value == Money(minorUnits: 500) && left[0].award.leftoverPoints == 400)
        #expect(left[1].name == "Cykel AB")
    }

    @Test("a pay-out first completes a batch an interrupted run left pending")
    func completesPendingFirst() throws {
        let fixture = try LoyaltyFixture()
        #expect(throws: StopHere(step: .committed)) { try fixture.issue(["3"], stopAt: .committed) }
        let issue = try fixture.service().issue(CustomerSelection(), file: VoucherFileName("NEXT.CSV"),
                                                directory: fixture.outbox, on: LoyaltyFixture.day,
                                                encoder: JoinedVoucherEncoder())
        #expect(issue.completed.map(\.fileName) == ["KADO1125.CSV"])
        #expect(issue.cheques.map(\.customerNumber) == ["4", "5", "7"])
        #expect(fixture.entries() == ["KADO1125.CSV", "NEXT.CSV"])
    }
}
