import Foundation
import Testing
@testable import KassaCore

@Suite("Loyalty programmes on a card")
struct LoyaltyProgrammeTests {
    @Test("each kind with what it needs")
    func validKinds() throws {
        let bonus = try LoyaltyProgramme(kind: .bonusArticle, name: "Waschkarte", details: "Jede 10. Wäsche gratis", article: "W-100")
        #expect(bonus.article == "W-100")
        let percent = try LoyaltyProgramme(kind: .discount, name: "Stammkunde", percent: 10)
        #expect(percent.percent == 10 && percent.amount == nil)
        let amountOff = try LoyaltyProgramme(kind: .discount, name: "Fünf weniger", amount: Money(minorUnits: 500))
        #expect(amountOff.amount == Money(minorUnits: 500))
        let voucher = try LoyaltyProgramme(kind: .voucher, name: "Geburtstag", amount: Money(minorUnits: 1_000))
        #expect(voucher.kind == .voucher)
    }

    @Test("what a kind lacks, or does not use, is refused", arguments: [
        (LoyaltyProgramme.Kind.bonusArticle, "B", nil as String?, nil as Int?, nil as Int?),
        (.bonusArticle, "B", " ", nil, nil),
        (.bonusArticle, "B", "W-1", 10, nil),
        (.discount, "D", nil, nil, nil),
        (.discount, "D", nil, 10, 500),
        (.discount, "D", nil, 0, nil),
        (.discount, "D", nil, 101, nil),
        (.discount, "D", "W-1", 10, nil),
        (.voucher, "V", nil, nil, nil),
        (.voucher, "V", nil, nil, 0),
        (.voucher, "V", nil, nil, -100),
        (.voucher, "V", nil, 5, 100),
        (.voucher, " ", nil, nil, 100),
    ])
    func refused(kind: LoyaltyProgramme.Kind, name: String, article: String?, percent: Int?, cents: Int?) {
        #expect {
            try LoyaltyProgramme(kind: kind, name: name, article: article, percent: percent, amount: cents.map(Money.init(minorUnits:)))
        } throws: { error in
            guard let error = error as? CardError else { return false }
            return error.code == .invalidProgramme && error.message.contains(kind.rawValue)
        }
    }

    @Test("JSON leaves out what the kind does not use and reads back")
    func json() throws {
        let voucher = try LoyaltyProgramme(kind: .voucher, name: "Geburtstag", amount: Money(minorUnits: 1_000))
        let data = try JSONEncoder().encode(voucher)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["kind", "name", "amount"])
        #expect(object["amount"] as? String == "10.00")
        #expect(try JSONDecoder().decode(LoyaltyProgramme.self, from: data) == voucher)
    }

    @Test("JSON that breaks the rules is not read", arguments: [
        #"{"kind":"voucher","name":"V"}"#,
        #"{"kind":"discount","name":"D","percent":150}"#,
        #"{"kind":"cashback","name":"C","amount":"1.00"}"#,
    ])
    func invalidJSON(json: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(LoyaltyProgramme.self, from: Data(json.utf8)) }
    }
}
