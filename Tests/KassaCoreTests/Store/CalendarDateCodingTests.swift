import Foundation
import Testing
@testable import KassaCore

@Suite("Dates in JSON")
struct CalendarDateCodingTests {
    struct Holder: Codable, Equatable {
        var since: CalendarDate
    }

    @Test("a day is written as YYYY-MM-DD and read back")
    func writesText() throws {
        let holder = Holder(since: CalendarDate(year: 2026, month: 3, day: 9)!)
        let json = String(decoding: try JSONEncoder().encode(holder), as: UTF8.self)
        #expect(json == #"{"since":"2026-03-09"}"#)
        #expect(try JSONDecoder().decode(Holder.self, from: Data(json.utf8)) == holder)
    }

    @Test("the parts Kassa wrote before are still read, a day that does not exist is refused")
    func readsTheOldForm() throws {
        let old = try JSONDecoder().decode(Holder.self, from: Data(#"{"since":{"year":2025,"month":12,"day":31}}"#.utf8))
        #expect(old.since.description == "2025-12-31")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Holder.self, from: Data(#"{"since":"2025-02-30"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Holder.self, from: Data(#"{"since":{"year":2025,"month":2,"day":30}}"#.utf8)) }
    }
}
