import Testing
@testable import KassaCore
@testable import KassaSQLite

/// One criterion (or a combination) and the fixture customers it must choose.
struct SelectionCase: CustomTestStringConvertible, Sendable {
    let label: String
    let selection: CustomerSelection
    let expected: [String]

    init(_ label: String, _ expected: [Int], _ build: (inout CustomerSelection) -> Void) {
        var selection = CustomerSelection()
        build(&selection)
        self.label = label
        self.selection = selection
        self.expected = expected.map(String.init)
    }

    var testDescription: String { label }

    static let all: [SelectionCase] = [
        SelectionCase("everything", Array(1...12)) { _ in },
        SelectionCase("family", [1, 2, 5, 7, 8, 10]) { $0.families = ["RETAIL"] },
        SelectionCase("two families", [3, 4, 11, 12]) { $0.families = ["VIP", "CLUB"] },
        SelectionCase("family is case-sensitive", []) { $0.families = ["retail"] },
        SelectionCase("type", [2, 4, 10]) { $0.types = ["LOYALTY"] },
        SelectionCase("category", [1, 4, 6, 9, 12]) { $0.categories = ["A"] },
        SelectionCase("turnover group", [2, 6, 8, 9, 10]) { $0.turnoverGroups = ["SILVER"] },
        SelectionCase("vehicle type", [1, 3, 4, 6, 9]) { $0.vehicleTypes = ["car"] },
        SelectionCase("vehicle brand, exact", [1, 10]) { $0.vehicleBrands = ["Volvo"] },
        SelectionCase("vehicle brand, ignoring case", [1, 3, 9, 10]) {
            $0.vehicleBrands = ["volvo"]
            $0.vehicleBrandIgnoresCase = true
        },
        SelectionCase("vehicle type and brand on one vehicle", [1, 3, 9]) {
            $0.vehicleTypes = ["car"]
            $0.vehicleBrands = ["VOLVO"]
            $0.vehicleBrandIgnoresCase = true
        },
        SelectionCase("a Volvo bike", [10]) {
            $0.vehicleTypes = ["bike"]
            $0.vehicleBrands = ["Volvo"]
        },
        SelectionCase("visited since (the day itself counts)", [1, 4, 10, 11, 12]) {
            $0.visitedSince = StoreFixtures.day("2026-05-01")
        },
        SelectionCase("not visited since (never visited counts)", [2, 3, 5, 8]) {
            $0.notVisitedSince = StoreFixtures.day("2026-01-01")
        },
        SelectionCase("visited in a window", [6, 7, 9]) {
            $0.visitedSince = StoreFixtures.day("2026-01-01")
            $0.notVisitedSince = StoreFixtures.day("2026-05-01")
        },
        SelectionCase("has e-mail", [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]) { $0.requirements = [.email] },
        SelectionCase("has mobile", [1, 3, 4, 5, 6, 7, 9, 10, 11, 12]) { $0.requirements = [.mobile] },
        SelectionCase("has address (street, postal code and city)", [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12]) {
            $0.requirements = [.address]
        },
        SelectionCase("has e-mail and mobile", [1, 4, 5, 6, 7, 9, 10, 11, 12]) { $0.requirements = [.email, .mobile] },
        SelectionCase("postal code, exact, spaces ignored", [1]) { $0.postalCodes = [.exact("21145")] },
        SelectionCase("postal code, exact, Dutch in lower case", [4]) { $0.postalCodes = [.exact("1234ab")] },
        SelectionCase("postal code prefix", [1, 9]) { $0.postalCodes = [.prefix("211")] },
        SelectionCase("postal code range compares the first N characters", [2, 4, 7, 8]) {
            $0.postalCodes = [.range(from: "1000", to: "1999")]
        },
        SelectionCase("postal code range of Paris", [3]) { $0.postalCodes = [.range(from: "75001", to: "75020")] },
        SelectionCase("postal codes, any of", [3, 12]) { $0.postalCodes = [.exact("75001"), .prefix("M1")] },
        SelectionCase("city ignores case, ö included", [1, 9]) { $0.cities = ["MALMÖ"] },
        SelectionCase("city", [4, 8]) { $0.cities = ["amsterdam"] },
        SelectionCase("countries", [1, 4, 7, 8]) { $0.countries = ["SE", "nl"] },
        SelectionCase("not these countries (no country stays in)", [1, 4, 5, 7, 8, 9, 12]) {
            $0.excludedCountries = ["FR", "DE"]
        },
        SelectionCase("points, minimum only", [2, 3, 5, 8, 9, 10, 12]) { $0.points = PointsRange(minimum: 500) },
        SelectionCase("points, maximum only", [1, 4, 6, 7, 11]) { $0.points = PointsRange(maximum: 499) },
        SelectionCase("points range, ends included", [2, 8, 9, 10]) {
            $0.points = PointsRange(minimum: 500, maximum: 1000)
        },
        SelectionCase("newsletter consent", [1, 3, 4, 6, 7, 9, 10, 12]) { $0.requiresConsent = true },
        SelectionCase("marked", [2, 5, 9]) { $0.markedOnly = true },
        SelectionCase("companies only", [6]) { $0.isCompany = true },
        SelectionCase("private persons only", [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]) { $0.isCompany = false },
        SelectionCase("exclude numbers (unknown ones are harmless)", [2, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
            $0.excludedNumbers = ["1", "3", "404"]
        },
        SelectionCase("purpose marketing adds consent", [1, 3, 4, 6, 7, 9, 10, 12]) { $0.purpose = .marketing },
        SelectionCase("purpose transactional adds nothing", Array(1...12)) { $0.purpose = .transactional },
        SelectionCase("combined: Swedish mobiles for marketing", [1, 7]) {
            $0.countries = ["SE"]
            $0.requirements = [.mobile]
            $0.purpose = .marketing
        },
        SelectionCase("combined: retail, 500 points or more, e-mail, one excluded", [2, 5, 10]) {
            $0.families = ["RETAIL"]
            $0.points = PointsRange(minimum: 500)
            $0.requirements = [.email]
            $0.excludedNumbers = ["8"]
        },
        SelectionCase("combined: marked, for marketing", [9]) {
            $0.markedOnly = true
            $0.purpose = .marketing
        },
        SelectionCase("combined: every criterion at once", [1]) {
            $0.families = ["RETAIL"]
            $0.types = ["REGULAR"]
            $0.categories = ["A"]
            $0.turnoverGroups = ["BRONZE"]
            $0.vehicleTypes = ["car"]
            $0.vehicleBrands = ["Volvo"]
            $0.visitedSince = StoreFixtures.day("2026-04-01")
            $0.notVisitedSince = StoreFixtures.day("2026-06-01")
            $0.requirements = [.email, .mobile, .address]
            $0.postalCodes = [.prefix("21")]
            $0.cities = ["malmö"]
            $0.countries = ["SE"]
            $0.excludedCountries = ["DE"]
            $0.points = PointsRange(minimum: 50, maximum: 150)
            $0.requiresConsent = true
            $0.isCompany = false
            $0.excludedNumbers = ["7"]
            $0.purpose = .marketing
        },
    ]
}

@Suite("Selection criteria against the SQLite store")
struct SelectionCriteriaTests {
    private static func markedStore() throws -> SQLiteCustomerStore {
        let store = try StoreFixtures.store()
        try store.mark(["2", "5", "9"])
        return store
    }

    @Test("each criterion alone and combined chooses exactly its customers", arguments: SelectionCase.all)
    func criterion(_ testCase: SelectionCase) throws {
        let store = try Self.markedStore()
        #expect(try store.allNumbers(testCase.selection) == testCase.expected)
        #expect(try store.count(testCase.selection) == testCase.expected.count)
        #expect(try store.allCustomers(testCase.selection, batchSize: 5).map(\.number) == testCase.expected)
    }

    @Test("the Swift reference agrees with the fixtures", arguments: SelectionCase.all)
    func reference(_ testCase: SelectionCase) {
        let marked: Set = ["2", "5", "9"]
        let chosen = StoreFixtures.register
            .filter { testCase.selection.matchesCriteria($0, isMarked: marked.contains($0.number)) }
            .map(\.number)
        #expect(chosen == testCase.expected)
    }

    @Test("values are parameters: an SQL-looking city or family is only text")
    func parameterised() throws {
        let store = try StoreFixtures.store()
        let hostile = "'; DROP TABLE customer; --"
        var selection = CustomerSelection()
        selection.cities = [hostile]
        #expect(try store.count(selection) == 0)
        #expect(try store.count() == StoreFixtures.register.count)

        try store.upsert([Customer(number: "666", city: hostile, family: "x' OR '1'='1")])
        #expect(try store.allNumbers(selection) == ["666"])
        var family = CustomerSelection()
        family.families = ["x' OR '1'='1"]
        #expect(try store.allNumbers(family) == ["666"])
        family.families = ["' OR 1=1 --"]
        #expect(try store.count(family) == 0)
        var excluded = CustomerSelection()
        excluded.excludedNumbers = ["1\"]'), (SELECT 1)--"]
        #expect(try store.count(excluded) == StoreFixtures.register.count + 1)
        #expect(try store.count() == StoreFixtures.register.count + 1)
    }

    @Test("batches hold at most the batch size, in order, and the store can be written between them")
    func batches() throws {
        let store = try StoreFixtures.store((1...50).map { Customer(number: "\($0)") })
        let cursor = try store.select(CustomerSelection(), batchSize: 7)
        var sizes: [Int] = []
        var numbers: [String] = []
        while let batch = try cursor.next() {
            sizes.append(batch.count)
            numbers += batch.map(\.number)
            try store.mark([batch[0].number])
        }
        #expect(sizes == [7, 7, 7, 7, 7, 7, 7, 1])
        #expect(numbers == (1...50).map(String.init))
        #expect(try store.markedNumbers().count == 8)
        #expect(try cursor.next() == nil)
    }

    @Test("a batch size below 1 is refused")
    func zeroBatchSize() throws {
        let store = try StoreFixtures.store()
        let error = try #require(throws: StoreError.self) { try store.select(CustomerSelection(), batchSize: 0) }
        #expect(error.code == .invalidArgument)
    }
}
