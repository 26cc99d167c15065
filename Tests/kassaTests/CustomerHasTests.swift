import Foundation
import KassaTesting
import Testing

/// `c:has(list)` in Kassa chooses exactly the customers whose list, as exported and read by
/// standalone `lua5.4`, has entries.
@Suite struct CustomerHasTests {
    static let plugin = """
        kassa.plugin { name = "has-probe", version = "1.0.0" }
        kassa.filter { name = "has_field", params = { field = "string" }, match = function(c, p) return c:has(p.field) end }
        kassa.filter { name = "anyone", match = function(c) return true end }
        """

    @Test(arguments: [("vehicles", "#c.vehicles > 0"), ("contact_emails", "#c.contact_emails > 0")])
    func hasAListMatchesTheCustomersWhoseListHasEntries(field: String, condition: String) throws {
        let register = try DifferentialFilterTests.Register(demoCustomers: 1_000)
        let plugin = try register.folder.write("probe/has-probe.lua", Self.plugin)
        let output = try register.kassa(["select", "--db", register.database, "--plugins", register.folder.file("probe"),
                                         "--filter", "has_field", "--param", "field=\(field)", "--ids"])
        let chosen = Set(output.split(whereSeparator: \.isNewline).map(String.init))

        // The harness judges by the plain condition, not by its own c:has.
        let harness = try KassaProcess.runProgram("lua5.4", [
            DifferentialFilterTests.Fixtures.path("differential-harness.lua"), register.export, "anyone",
            "--plugin", plugin, "--where", condition])
        #expect(harness.status == 0, "\(harness.stderr)")
        var lines = harness.stdout.split(whereSeparator: \.isNewline).map(String.init)
        let total = Int(lines.removeFirst().dropFirst("customers ".count)) ?? 0
        let expected = Set(lines)
        #expect(total == 1_000 + DifferentialFilterTests.Fixtures.trickyCustomers)
        #expect(!expected.isEmpty && expected.count < total, "\(field): \(expected.count) of \(total)")
        #expect(chosen == expected, "\(field): kassa chose \(chosen.count), the export has \(expected.count) with entries")
    }

    @Test func hasIsTheSameOnTheTablesScriptsGet() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("has.lua", """
            local c = kassa.customers.get("3")
            print(c:has("vehicles"), c:has("cards"), c:has("contact_emails"), c:has("email"))
            """)
        let result = try shop.run(["run", "has.lua"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "false\tfalse\tfalse\ttrue\n")
    }
}
