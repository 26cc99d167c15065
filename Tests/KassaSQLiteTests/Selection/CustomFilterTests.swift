import Testing
@testable import KassaCore
@testable import KassaSQLite

/// A Swift stand-in for a Lua filter: keeps the customers `keep` accepts and records what
/// it was asked.
private final class RecordingFilter: CustomerFilter {
    let keep: (Customer) -> Bool
    private(set) var batches: [[String]] = []
    var answerShortBy = 0

    init(keep: @escaping (Customer) -> Bool) {
        self.keep = keep
    }

    func matches(_ batch: [Customer]) throws -> [Bool] {
        batches.append(batch.map(\.number))
        return Array(batch.map(keep).dropLast(answerShortBy))
    }
}

/// A filter that reads customers' vehicles only when `needsLists` says so, through the
/// `whole` reader that selections hand to filters.
private final class ListReadingFilter: CustomerFilter {
    let needsLists: Bool
    private(set) var givenVehicles = 0
    private(set) var wholeReads = 0

    init(needsLists: Bool) {
        self.needsLists = needsLists
    }

    func matches(_ batch: [Customer]) throws -> [Bool] {
        batch.map { $0.vehicles.contains { $0.brand?.lowercased() == "volvo" } }
    }

    func matches(_ batch: [Customer], whole: () throws -> [Customer]) throws -> [Bool] {
        givenVehicles += batch.reduce(0) { $0 + $1.vehicles.count }
        guard needsLists else { return batch.map { Int($0.number)! <= 4 } }
        wholeReads += 1
        let read = try whole()
        #expect(try whole().map(\.number) == read.map(\.number), "a second read gives the same batch")
        return try matches(read)
    }
}

/// A registry of filters by name, like the scripting layer's.
private final class FilterShelf: CustomerFilterProvider {
    struct UnknownFilter: Error, Equatable { let name: String }

    var made: [(name: String, parameters: [String: String])] = []
    let filters: [String: any CustomerFilter]

    init(_ filters: [String: any CustomerFilter]) {
        self.filters = filters
    }

    func filter(named name: String, parameters: [String: String]) throws -> any CustomerFilter {
        made.append((name, parameters))
        guard let filter = filters[name] else { throw UnknownFilter(name: name) }
        return filter
    }
}

@Suite("Custom filters run on the rows SQL chose")
struct CustomFilterTests {
    private static func selection(_ name: String, _ parameters: [String: String] = [:]) -> CustomerSelection {
        var selection = CustomerSelection()
        selection.customFilter = CustomFilterReference(name: name, parameters: parameters)
        return selection
    }

    @Test("candidates come without their lists; a filter that reads them gets them, and the chosen always have them")
    func listsOnlyWhenRead() throws {
        let store = try StoreFixtures.store()
        let byRow = ListReadingFilter(needsLists: false)
        let chosen = try store.allCustomers(Self.selection("row"), batchSize: 2, filters: FilterShelf(["row": byRow]))
        #expect(byRow.givenVehicles == 0, "the filter was given customers without their lists")
        #expect(chosen.map(\.number) == ["1", "2", "3", "4"])
        #expect(chosen.first?.vehicles == [Vehicle(type: "car", brand: "Volvo", model: "V70")], "the chosen come whole")
        #expect(try store.count(Self.selection("row"), filters: FilterShelf(["row": byRow])) == 4)

        let byVehicle = ListReadingFilter(needsLists: true)
        let volvos = try store.allCustomers(Self.selection("volvo"), batchSize: 2, filters: FilterShelf(["volvo": byVehicle]))
        let expected = StoreFixtures.register.filter { $0.vehicles.contains { $0.brand?.lowercased() == "volvo" } }.map(\.number)
        #expect(expected.count >= 2)
        #expect(volvos.map(\.number) == expected.sorted { Int($0)! < Int($1)! })
        #expect(volvos.allSatisfy { !$0.vehicles.isEmpty })
        #expect(byVehicle.wholeReads > 0)
    }

    @Test("the filter sees only SQL-chosen customers, in batches, and gets its parameters")
    func streamsCandidates() throws {
        let store = try StoreFixtures.store()
        let even = RecordingFilter { Int($0.number)! % 2 == 0 }
        let shelf = FilterShelf(["even": even])
        var selection = Self.selection("even", ["since": "2026-01-01"])
        selection.countries = ["SE", "NL", "DE"]

        let chosen = try store.allCustomers(selection, batchSize: 2, filters: shelf)
        #expect(chosen.map(\.number) == ["2", "4", "8", "10"])
        #expect(even.batches == [["1", "2"], ["4", "7"], ["8", "10"]])
        #expect(shelf.made.count == 1)
        #expect(shelf.made.first?.name == "even")
        #expect(shelf.made.first?.parameters == ["since": "2026-01-01"])
    }

    @Test("count and numbers agree with select when a filter is used")
    func countAndNumbers() throws {
        let store = try StoreFixtures.store()
        let shelf = FilterShelf(["owners": RecordingFilter { !$0.vehicles.isEmpty }])
        let selection = Self.selection("owners")
        let expected = StoreFixtures.register.filter { !$0.vehicles.isEmpty }.map(\.number)
        #expect(try store.allNumbers(selection, batchSize: 3, filters: shelf) == expected)
        #expect(try store.count(selection, filters: shelf) == expected.count)
        #expect(try store.allCustomers(selection, filters: shelf).map(\.number) == expected)
    }

    @Test("marketing keeps consent whatever the filter says")
    func marketingNeedsConsent() throws {
        let store = try StoreFixtures.store()
        let everyone = RecordingFilter { _ in true }
        var selection = Self.selection("everyone")
        selection.purpose = .marketing
        let numbers = try store.allNumbers(selection, filters: FilterShelf(["everyone": everyone]))
        #expect(numbers == ["1", "3", "4", "6", "7", "9", "10", "12"])
        #expect(everyone.batches.joined().allSatisfy { number in
            StoreFixtures.register.first { $0.number == number }!.newsletter
        })
    }

    @Test("a selection naming a filter without a provider fails with a clear error")
    func noProvider() throws {
        let store = try StoreFixtures.store()
        let error = try #require(throws: SelectionError.self) {
            try store.select(Self.selection("volvo_owners"))
        }
        #expect(error.code == .filterUnavailable)
        #expect(error.message.contains("\"volvo_owners\""))
        #expect(throws: SelectionError.self) { try store.count(Self.selection("volvo_owners")) }
    }

    @Test("the provider's error for an unknown filter and a filter's own error come through")
    func errorsComeThrough() throws {
        struct ScriptError: Error {}
        final class Failing: CustomerFilter {
            func matches(_ batch: [Customer]) throws -> [Bool] { throw ScriptError() }
        }
        final class Shelf: CustomerFilterProvider {
            func filter(named name: String, parameters: [String: String]) throws -> any CustomerFilter {
                guard name == "failing" else { throw FilterShelf.UnknownFilter(name: name) }
                return Failing()
            }
        }
        let store = try StoreFixtures.store()
        #expect(throws: FilterShelf.UnknownFilter(name: "nope")) {
            try store.select(Self.selection("nope"), filters: Shelf())
        }
        let cursor = try store.select(Self.selection("failing"), filters: Shelf())
        #expect(throws: ScriptError.self) { try cursor.next() }
        #expect(try cursor.next() == nil)
    }

    @Test("a filter answering the wrong number of times is an error naming it")
    func wrongAnswerCount() throws {
        let store = try StoreFixtures.store()
        let short = RecordingFilter { _ in true }
        short.answerShortBy = 1
        let error = try #require(throws: SelectionError.self) {
            try store.allNumbers(Self.selection("short"), batchSize: 4, filters: FilterShelf(["short": short]))
        }
        #expect(error.code == .filterMisbehaved)
        #expect(error.message == "The custom filter \"short\" answered 3 times for 4 customers.")
    }
}
