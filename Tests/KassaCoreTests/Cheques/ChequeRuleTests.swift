import Foundation
import Testing
@testable import KassaCore

@Suite("Cheque rule: one cheque per customer, leftover points stay")
struct ChequeRuleTests {
    private let rule = try! ChequeRule(ChequeSettings(pointsPerCheque: 500, chequeValue: 5.00))

    @Test("no cheque for no, negative or too few points", arguments: [0, -1, -500, 1, 499])
    func noCheque(points: Int) {
        #expect(rule.cheque(for: Customer(number: "1", points: points)) == nil)
    }

    @Test("exactly one cheque's worth of points")
    func exactlyOne() throws {
        let award = try #require(rule.cheque(for: Customer(number: "1042", points: 500)))
        #expect(award == ChequeAward(customerNumber: "1042", cheques: 1, pointsUsed: 500, value: Money(minorUnits: 500), leftoverPoints: 0))
    }

    @Test("points worth several cheques make one cheque of their summed value, the rest stays")
    func severalSummed() throws {
        let award = try #require(rule.cheque(for: Customer(number: "7", points: 1_730)))
        #expect(award.cheques == 3)
        #expect(award.pointsUsed == 1_500)
        #expect(award.value.description == "15.00")
        #expect(award.leftoverPoints == 230)
    }

    @Test("the award adds up for every number of points")
    func invariants() throws {
        let rule = try ChequeRule(pointsPerCheque: 250, chequeValue: Money(minorUnits: 10))
        for points in 0...5_000 {
            guard let award = rule.cheque(customerNumber: "c", points: points) else {
                #expect(points < 250)
                continue
            }
            #expect(award.pointsUsed + award.leftoverPoints == points)
            #expect((0..<250).contains(award.leftoverPoints))
            #expect(award.pointsUsed == award.cheques * 250)
            #expect(award.value.minorUnits == award.cheques * 10)
        }
    }

    @Test("cent values sum exactly, without binary fractions")
    func exactSums() throws {
        let rule = try ChequeRule(ChequeSettings(pointsPerCheque: 1, chequeValue: 0.10))
        #expect(rule.cheque(customerNumber: "c", points: 3)?.value.description == "0.30")
    }

    @Test("points whose value does not fit in cents pay what fits and keep the rest")
    func hugePoints() throws {
        let rule = try ChequeRule(pointsPerCheque: 1, chequeValue: Money(minorUnits: 100))
        let award = try #require(rule.cheque(customerNumber: "c", points: Int.max))
        #expect(award.cheques == Int.max / 100)
        #expect(award.pointsUsed + award.leftoverPoints == Int.max)
        #expect(award.value.minorUnits == award.cheques * 100)
    }

    @Test("points per cheque below 1 are refused", arguments: [0, -500])
    func badPoints(points: Int) {
        #expect {
            try ChequeRule(ChequeSettings(pointsPerCheque: points, chequeValue: 5))
        } throws: { error in
            guard let error = error as? ChequeError else { return false }
            return error.code == .invalidPointsPerCheque && error.message.contains("points_per_cheque")
                && error.message.contains("not \(points)")
        }
    }

    @Test("a cheque value at or below 0, or with a third decimal, is refused", arguments: [0, -5, 5.005])
    func badValue(value: Double) {
        #expect {
            try ChequeRule(ChequeSettings(pointsPerCheque: 500, chequeValue: value))
        } throws: { error in
            guard let error = error as? ChequeError else { return false }
            return error.code == .invalidChequeValue && error.message.contains("cheque_value")
        }
    }

    @Test("without its settings there is no rule, and the refusal names every missing key")
    func notConfigured() {
        let cases: [(ChequeSettings, ShopSettings, [String], [String])] = [
            (ChequeSettings(), ShopSettings(), ["[shop] currency", "[shop] country", "[cheques] points_per_cheque", "[cheques] cheque_value"], []),
            (ChequeSettings(pointsPerCheque: 500), ShopSettings(country: "SE", currency: "SEK"), ["[cheques] cheque_value"],
             ["points_per_cheque", "[shop]"]),
            (ChequeSettings(pointsPerCheque: 500, chequeValue: 5), ShopSettings(country: "SE"), ["[shop] currency"], ["[cheques]", "country"]),
        ]
        for (settings, shop, named, unnamed) in cases {
            #expect {
                try ChequeRule(settings, shop: shop)
            } throws: { error in
                guard let error = error as? ChequeError, error.code == .notConfigured else { return false }
                return named.allSatisfy(error.message.contains) && !unnamed.contains(where: error.message.contains)
            }
        }
        #expect(throws: ChequeError.self) { try ChequeRule(ChequeSettings()) }
    }

    @Test("cheques are paid in the shop's currency, to customers of its country or of none recorded")
    func onlyTheShopsCountry() throws {
        let rule = try ChequeRule(ChequeSettings(pointsPerCheque: 500, chequeValue: 5), shop: ShopSettings(country: "SE", currency: "SEK"))
        #expect(rule.currency == "SEK")
        #expect(rule.cheque(for: Customer(number: "1", country: "SE", points: 500)) != nil)
        #expect(rule.cheque(for: Customer(number: "2", points: 500)) != nil)
        #expect(rule.cheque(for: Customer(number: "3", country: "se", points: 500)) != nil)
        #expect(rule.cheque(for: Customer(number: "4", country: "FR", points: 500)) == nil)
        #expect(rule.isAbroad(Customer(number: "4", country: "FR", points: 500)))
    }

    @Test("an award is stored as JSON with the value as text")
    func awardJSON() throws {
        let award = try #require(rule.cheque(customerNumber: "7", points: 1_730))
        let data = try JSONEncoder().encode(award)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["customer_number"] as? String == "7")
        #expect(object["value"] as? String == "15.00")
        #expect(object["leftover_points"] as? Int == 230)
        #expect(try JSONDecoder().decode(ChequeAward.self, from: data) == award)
    }
}
