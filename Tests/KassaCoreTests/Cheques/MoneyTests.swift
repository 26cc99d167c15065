import Foundation
import Testing
@testable import KassaCore

@Suite("Money: amounts in whole cents")
struct MoneyTests {
    @Test("configuration numbers with at most two decimals become exact cents")
    func fromConfiguredNumbers() {
        #expect(Money(exactly: 4.90)?.minorUnits == 490)
        #expect(Money(exactly: 5)?.minorUnits == 500)
        #expect(Money(exactly: 0.1 + 0.2)?.minorUnits == 30)
        #expect(Money(exactly: -1.5)?.minorUnits == -150)
        #expect(Money(exactly: 5.005) == nil)
        #expect(Money(exactly: 0.001) == nil)
        #expect(Money(exactly: .nan) == nil)
        #expect(Money(exactly: .infinity) == nil)
        #expect(Money(exactly: 1e300) == nil)
    }

    @Test("text with a dot and up to two decimals is read", arguments: [
        ("5", 500), ("5.5", 550), ("5.05", 505), ("-1.50", -150), (".5", 50), ("0", 0), ("007.10", 710),
    ])
    func parsesText(text: String, cents: Int) {
        #expect(Money(text)?.minorUnits == cents)
    }

    @Test("other text is refused", arguments: [
        "", "-", ".", "5.", "5,00", "5.001", "+5", "--5", "5 ", "abc", "1e3", "٣", "99999999999999999999",
    ])
    func refusesText(text: String) {
        #expect(Money(text) == nil)
    }

    @Test("written with a dot and exactly two decimals", arguments: [
        (0, "0.00"), (5, "0.05"), (-5, "-0.05"), (-150, "-1.50"), (123_456, "1234.56"),
        (Int.min, "-92233720368547758.08"),
    ])
    func writesText(cents: Int, text: String) {
        #expect(Money(minorUnits: cents).description == text)
    }

    @Test("every amount reads back as itself")
    func textRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        for cents in Array(-1_000...1_000) + (0..<1_000).map({ _ in Int.random(in: Int.min + 1...Int.max, using: &generator) }) {
            let money = Money(minorUnits: cents)
            #expect(Money(money.description) == money, "\(cents)")
        }
    }

    @Test("sums and products that do not fit are nil, not wrapped")
    func overflow() {
        let big = Money(minorUnits: Int.max)
        #expect(big.adding(Money(minorUnits: 1)) == nil)
        #expect(big.multiplied(by: 2) == nil)
        #expect(Money(minorUnits: 10).adding(Money(minorUnits: 20)) == Money(minorUnits: 30))
        #expect(Money(minorUnits: 10).multiplied(by: 3)?.description == "0.30")
    }

    @Test("JSON holds the amount as text and reads text or a plain number")
    func json() throws {
        let encoded = try JSONEncoder().encode([Money(minorUnits: 490)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["4.90"]"#)
        let decoded = try JSONDecoder().decode([Money].self, from: Data(#"["4.90", 4.9, 12, "-0.05"]"#.utf8))
        #expect(decoded.map(\.minorUnits) == [490, 490, 1200, -5])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data("[4.905]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data(#"["4,90"]"#.utf8)) }
    }
}
