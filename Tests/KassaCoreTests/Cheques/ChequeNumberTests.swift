import Foundation
import Testing
@testable import KassaCore

@Suite("Cheque numbers: C, the issue date, a sequence")
struct ChequeNumberTests {
    private let day = CalendarDate(year: 2026, month: 11, day: 30)!

    @Test("written as C, the date without dashes, a dash and five digits")
    func text() {
        #expect(ChequeNumber.first(on: day).description == "C20261130-00001")
        #expect(ChequeNumber(date: day, sequence: 42)?.description == "C20261130-00042")
        #expect(ChequeNumber(date: day, sequence: 123_456)?.description == "C20261130-123456")
        #expect(ChequeNumber(date: CalendarDate(year: 987, month: 1, day: 2)!, sequence: 1)?.description == "C09870102-00001")
    }

    @Test("a sequence below 1 is not a number")
    func sequenceFromOne() {
        #expect(ChequeNumber(date: day, sequence: 0) == nil)
        #expect(ChequeNumber(date: day, sequence: -3) == nil)
    }

    @Test("text reads back only in the written form", arguments: [
        ("C20261130-00042", true), ("C20261130-123456", true), ("C20280229-00001", true),
        ("C20261130-042", false), ("C20261130-000042", false), ("C20261130-00000", false),
        ("C20261331-00001", false), ("C20270229-00001", false), ("X20261130-00001", false),
        ("C2026113000001", false), ("c20261130-00001", false), ("C20261130-+0001", false), ("", false),
    ])
    func parsing(text: String, valid: Bool) {
        let number = ChequeNumber(text)
        #expect((number != nil) == valid)
        if let number { #expect(number.description == text) }
    }

    @Test("a run continues after the highest number of the same day")
    func continuesSameDay() {
        let last = ChequeNumber(date: day, sequence: 17)!
        let numbers = ChequeNumber.numbers(count: 3, on: day, after: last)
        #expect(numbers.map(\.sequence) == [18, 19, 20])
        #expect(numbers.allSatisfy { $0.date == day })
    }

    @Test("a run on a new day starts at 1")
    func restartsNewDay() {
        let yesterday = ChequeNumber(date: day.adding(days: -1), sequence: 99)!
        #expect(ChequeNumber.numbers(count: 2, on: day, after: yesterday).map(\.description) == ["C20261130-00001", "C20261130-00002"])
        #expect(ChequeNumber.numbers(count: 1, on: day, after: nil) == [ChequeNumber.first(on: day)])
        #expect(ChequeNumber.numbers(count: 0, on: day, after: nil).isEmpty)
    }

    @Test("runs that continue from each other never repeat a number")
    func uniqueAcrossRuns() {
        var issued: [ChequeNumber] = []
        for (offset, count) in [(0, 3), (0, 5), (1, 2), (1, 1), (3, 4)] {
            issued += ChequeNumber.numbers(count: count, on: day.adding(days: offset), after: issued.max())
        }
        #expect(Set(issued).count == issued.count)
        #expect(Set(issued.map(\.description)).count == issued.count)
        #expect(issued == issued.sorted())
    }

    @Test("ordered by date, then sequence; next is one later")
    func ordering() {
        let a = ChequeNumber(date: day, sequence: 99_999)!
        #expect(a < a.next)
        #expect(a.next < ChequeNumber.first(on: day.adding(days: 1)))
        #expect(a.next.description == "C20261130-100000")
    }

    @Test("JSON holds the text")
    func json() throws {
        let number = ChequeNumber(date: day, sequence: 42)!
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == #"["C20261130-00042"]"#)
        #expect(try JSONDecoder().decode([ChequeNumber].self, from: data) == [number])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ChequeNumber].self, from: Data(#"["C1"]"#.utf8)) }
    }
}
