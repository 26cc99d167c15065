import Foundation
import KassaCore
import KassaSQLite
import KassaTesting
import Testing

/// Text criteria compare the same way everywhere: the SQL store, the in-memory matcher, the
/// Lua criteria and `c:owns` (ignoring case by the Unicode rules, never accents), and the
/// command line. Same inputs, same customers.
@Suite struct SelectionComparisonTests {
    static let brands = ["Škoda", "ŠKODA", "škoda", "Skoda", "Volvo", "VOLVO", "Citroën", "CITROËN", "Citroen"]
    static let cities = ["Malmö", "MALMÖ", "Malmo", "Göteborg", "GÖTEBORG"]

    static func customers() -> [Customer] {
        brands.enumerated().map { index, brand in
            Customer(number: String(index + 1), firstName: "Kund \(index + 1)", city: cities[index % cities.count],
                     vehicles: [Vehicle(type: "car", brand: brand)])
        }
    }

    static func lines(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: \.isNewline).map(String.init))
    }

    @Test("a case-insensitive criterion agrees in SQL, in Swift, in Lua, in c:owns and on the command line",
          arguments: ["škoda", "ŠKODA", "Skoda", "volvo", "citroën", "CITROEN"])
    func ignoringCaseAgreesEverywhere(brand: String) throws {
        let folder = TemporaryDirectory()
        let database = folder.file("kassa.sqlite")
        let customers = Self.customers()
        do {
            let store = try SQLiteCustomerStore(path: database)
            _ = try store.upsert(customers)
        }
        var selection = CustomerSelection()
        selection.vehicleBrands = [brand]
        selection.vehicleBrandIgnoresCase = true
        let inSwift = Set(customers.filter { selection.matchesCriteria($0, isMarked: false) }.map(\.number))
        var inSQL: Set<String> = []
        try SQLiteCustomerStore(path: database).numbers(selection).forEach { inSQL.formUnion($0) }

        try folder.write("probe.lua", """
            local brand = ...
            for c in kassa.customers.select { vehicle_brand = brand, ignore_case = true } do print("select " .. c.number) end
            for c in kassa.customers.select {} do if c:owns(brand) then print("owns " .. c.number) end end
            """)
        let lua = try KassaProcess.run(["run", "--db", database, folder.file("probe.lua"), brand], in: folder.path)
        #expect(lua.status == 0, "\(lua.stderr)")
        let printed = Self.lines(lua.stdout)
        let inLua = Set(printed.filter { $0.hasPrefix("select ") }.map { String($0.dropFirst("select ".count)) })
        let owns = Set(printed.filter { $0.hasPrefix("owns ") }.map { String($0.dropFirst("owns ".count)) })
        let cli = try KassaProcess.run(["select", "--db", database, "--vehicle-brand", brand, "--ignore-case", "--ids"],
                                       in: folder.path)

        let expected = Set(customers.filter { customer in
            customer.vehicles.contains { $0.brand?.lowercased() == brand.lowercased() }
        }.map(\.number))
        #expect(!expected.isEmpty)
        #expect(inSwift == expected, "in-memory matcher")
        #expect(inSQL == expected, "SQL")
        #expect(inLua == expected, "kassa.customers.select")
        #expect(owns == expected, "c:owns")
        #expect(Self.lines(cli.stdout) == expected, "kassa select: \(cli.stderr)")
    }

    @Test("cities ignore case but not accents, in SQL, in Swift and in Lua", arguments: ["malmö", "MALMO", "göteborg"])
    func citiesAgreeEverywhere(city: String) throws {
        let folder = TemporaryDirectory()
        let database = folder.file("kassa.sqlite")
        let customers = Self.customers()
        do { _ = try SQLiteCustomerStore(path: database).upsert(customers) }
        var selection = CustomerSelection()
        selection.cities = [city]
        let inSwift = Set(customers.filter { selection.matchesCriteria($0, isMarked: false) }.map(\.number))
        var inSQL: Set<String> = []
        try SQLiteCustomerStore(path: database).numbers(selection).forEach { inSQL.formUnion($0) }
        try folder.write("probe.lua", """
            for c in kassa.customers.select { city = { ... } } do print(c.number) end
            """)
        let lua = try KassaProcess.run(["run", "--db", database, folder.file("probe.lua"), city], in: folder.path)
        #expect(lua.status == 0, "\(lua.stderr)")
        let expected = Set(customers.filter { $0.city?.lowercased() == city.lowercased() }.map(\.number))
        #expect(!expected.isEmpty)
        #expect(inSwift == expected)
        #expect(inSQL == expected)
        #expect(Self.lines(lua.stdout) == expected)
    }
}
