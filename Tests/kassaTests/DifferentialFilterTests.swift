import Foundation
import KassaTesting
import Testing

/// The same shipped filter, run by Kassa (`kassa select --filter … --ids`) and by standalone
/// `lua5.4` over the customers `kassa customers export` wrote, must choose the same customers.
///
/// The standalone side (`Fixtures/differential-harness.lua`) shares no code with Kassa: it
/// parses the CSV itself, merges the one-row-per-vehicle layout back into customers, undoes the
/// export's formula neutralisation, and builds plain tables shaped like the record proxy. A
/// difference points at the proxy, the parameter conversion, the SQL part of a selection, or
/// the export.
@Suite struct DifferentialFilterTests {
    static let demoCustomers = 3_000

    /// One comparison: the same filter and parameters on both sides, plus a built-in criterion
    /// for Kassa and the plain Lua condition that means the same for the harness.
    struct Case: Sendable {
        var filter: String
        var params: [String]
        var builtIn: [String] = []
        var luaCondition: String? = nil
        /// A customer of the tricky fixture that must be among the chosen, so the CSV edge
        /// cases (quotes, commas, line breaks, neutralised cells) decide something.
        var mustInclude: String? = nil

        var description: String {
            ([filter] + params + builtIn).joined(separator: " ")
        }
    }

    static let cases: [Case] = [
        Case(filter: "car_brand", params: ["brand=volvo"], mustInclude: "900001"),
        Case(filter: "car_brand", params: ["brand==bianchi"], mustInclude: "900001"),
        Case(filter: "car_brand", params: ["brand=@PUCH"], mustInclude: "900002"),
        Case(filter: "vehicle_type", params: ["type=bike"], mustInclude: "900001"),
        Case(filter: "vehicle_type", params: ["type=Moped"], mustInclude: "900002"),
        Case(filter: "lapsed", params: ["since=2026-01-01"], mustInclude: "900002"),
        Case(filter: "lapsed_vip", params: ["since=2026-01-01", "min_points=500"], mustInclude: "900001"),
        Case(filter: "lapsed_vip", params: ["since=2026-01-01", "min_points=500"],
             builtIn: ["--country", "SE"], luaCondition: #"c.country == "SE""#, mustInclude: "900002"),
        Case(filter: "car_brand", params: ["brand=volvo"],
             builtIn: ["--points", "500-"], luaCondition: "c.points >= 500", mustInclude: "900001"),
    ]

    /// A register of demo customers plus the tricky ones, and its export.
    final class Register {
        let folder = TemporaryDirectory(prefix: "kassa-differential")
        var database: String { folder.file("kassa.sqlite") }
        var export: String { folder.file("all.csv") }

        init(demoCustomers: Int) throws {
            try kassa(["demo", "seed", "--customers", String(demoCustomers), "--db", database])
            try kassa(["customers", "import", Fixtures.path("tricky-customers.csv"), "--db", database])
            try kassa(["customers", "export", "-o", export, "--db", database])
        }

        @discardableResult
        func kassa(_ arguments: [String]) throws -> String {
            let result = try KassaProcess.run(arguments, in: folder.path)
            guard result.status == 0 else {
                throw HarnessFailure("kassa \(arguments.joined(separator: " ")) exited with \(result.status): \(result.stderr)")
            }
            return result.stdout
        }
    }

    @Test func kassaAndStandaloneLuaChooseTheSameCustomers() throws {
        let register = try Register(demoCustomers: Self.demoCustomers)
        for example in Self.cases {
            let kassaOutput = try register.kassa(
                ["select", "--db", register.database, "--plugins", Fixtures.shippedPlugins, "--filter", example.filter]
                    + example.params.flatMap { ["--param", $0] } + example.builtIn + ["--ids"])
            let chosenByKassa = Set(kassaOutput.split(whereSeparator: \.isNewline).map(String.init))

            let harness = try Self.runHarness(export: register.export, example: example)
            #expect(harness.customers == Self.demoCustomers + Fixtures.trickyCustomers,
                    "the harness read \(harness.customers) customers from the export")

            #expect(!chosenByKassa.isEmpty, "kassa chose nobody for \(example.description)")
            #expect(chosenByKassa.count < harness.customers, "kassa chose everybody for \(example.description)")
            if let number = example.mustInclude {
                #expect(chosenByKassa.contains(number), "kassa left out the fixture customer \(number) for \(example.description)")
            }
            let onlyKassa = chosenByKassa.subtracting(harness.chosen).sorted()
            let onlyLua = harness.chosen.subtracting(chosenByKassa).sorted()
            #expect(onlyKassa.isEmpty && onlyLua.isEmpty,
                    "\(example.description): only kassa chose \(onlyKassa.prefix(10)) (\(onlyKassa.count)), only lua5.4 chose \(onlyLua.prefix(10)) (\(onlyLua.count))")
        }
    }

    /// The export as the harness reads it must hold the fixture's awkward cells unchanged,
    /// or the comparisons above could agree for the wrong reason.
    @Test func theHarnessReadsTheAwkwardCellsBack() throws {
        let register = try Register(demoCustomers: 20)
        let probe = Case(filter: "car_brand", params: ["brand=volvo"], luaCondition: """
            c.number == "900001" and c.company == 'Cykel "Expert", Nord AB' and c.street:gsub("\\r", "") == "Storgatan 1\\nLgh 1102"
              and #c.vehicles == 2 and c.vehicles[2].brand == "=Bianchi" and c.vehicles[2].plate == nil
              and #c.contact_emails == 2 and c.is_company == true and c.points == 900 and math.type(c.points) == "integer"
              and c.last_visit == "2025-03-01" and c.mobile == nil and c:has("email") and not c:has("mobile")
              and c:owns("VOLVO", "v70") and not c:owns("Volvo", "V90") and c:attr("missing", "fallback") == "fallback"
            """)
        #expect(try Self.runHarness(export: register.export, example: probe).chosen == ["900001"])

        let formulas = Case(filter: "vehicle_type", params: ["type=moped"], luaCondition: """
            c.first_name == '=HYPERLINK("http://x.example")' and c.last_name == "+Larsson" and c.street == "-Gatan 2"
              and c.vehicles[1].model == "-Maxi" and c.last_visit == nil and c.newsletter == false
            """)
        #expect(try Self.runHarness(export: register.export, example: formulas).chosen == ["900002"])
    }

    struct HarnessResult {
        var customers: Int
        var chosen: Set<String>
    }

    static func runHarness(export: String, example: Case) throws -> HarnessResult {
        let plugins = ["car-filters.lua", "lapsed-customers.lua"].map { (Fixtures.shippedPlugins as NSString).appendingPathComponent($0) }
        var arguments = [Fixtures.path("differential-harness.lua"), export, example.filter]
        arguments += plugins.flatMap { ["--plugin", $0] }
        if let condition = example.luaCondition { arguments += ["--where", condition] }
        arguments += example.params

        let result = try KassaProcess.runProgram("lua5.4", arguments)
        guard result.status == 0 else {
            throw HarnessFailure("lua5.4 differential-harness.lua exited with \(result.status): \(result.stderr)")
        }
        var lines = result.stdout.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty, lines[0].hasPrefix("customers "), let count = Int(lines.removeFirst().dropFirst("customers ".count)) else {
            throw HarnessFailure("lua5.4 differential-harness.lua printed no \"customers N\" line first")
        }
        return HarnessResult(customers: count, chosen: Set(lines))
    }

    /// Files beside this test.
    enum Fixtures {
        /// Customers in `tricky-customers.csv`.
        static let trickyCustomers = 3

        /// The plugins folder Kassa ships, whose filters both sides run.
        static var shippedPlugins: String { (KassaProcess.repositoryRoot as NSString).appendingPathComponent("plugins") }

        static func path(_ name: String) -> String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
        }
    }

    struct HarnessFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
