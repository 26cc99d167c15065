import Foundation
import KassaTesting
import Testing

/// The customer register from the command line: demo data, import, export, selection, marks.
@Suite struct RegisterCommandTests {
    /// A folder with a database of `count` demo customers, the shop's settings in its
    /// `kassa.toml` (`LoyaltyShop.shopSettings`), and the shipped plugins reachable.
    static func seeded(_ count: Int = 600) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        try folder.write("kassa.toml", LoyaltyShop.shopSettings)
        let result = try KassaProcess.run(["demo", "seed", "--customers", String(count), "--seed", "3", "--db", folder.file("kassa.sqlite")], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    /// The customers `select --json` printed, without their cards: cards are the card
    /// plugin's business, not part of the CSV format, so an export and import compare the rest.
    static func withoutCards(_ json: String) throws -> [NSDictionary] {
        let customers = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        return customers.map { customer in
            var rest = customer
            rest["cards"] = nil
            return rest as NSDictionary
        }
    }

    static func kassa(_ arguments: [String], in folder: TemporaryDirectory) throws -> KassaProcess.Result {
        try KassaProcess.run(arguments + ["--db", folder.file("kassa.sqlite"), "--plugins", KassaProcess.repositoryRoot + "/plugins"], in: folder.path)
    }

    @Test func demoDataIsDeterministic() throws {
        let first = try Self.seeded(300)
        let second = try Self.seeded(300)
        let a = try Self.kassa(["select", "--csv"], in: first)
        let b = try Self.kassa(["select", "--csv"], in: second)
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.split(whereSeparator: \.isNewline).count > 300)
        // Every language of the demo shows up, with its letters.
        for letters in ["å", "ü", "é", "ij"] { #expect(a.stdout.contains(letters), "no \(letters) in the demo data") }
    }

    /// Reading commands leave the register's bytes alone: a copy, a backup or a checksum
    /// of the file stays valid, and a read never waits for another process's write lock.
    @Test func readingCommandsLeaveTheFileUnchanged() throws {
        let folder = try Self.seeded(200)
        let path = folder.file("kassa.sqlite")
        // The first command after seeding may create the mailing and loyalty tables.
        #expect(try Self.kassa(["mailing", "list"], in: folder).status == 0)
        #expect(try Self.kassa(["cheques", "issued"], in: folder).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for arguments in [["select", "--count"], ["marks"], ["mailing", "list"], ["cheques", "issued"]] {
            let result = try Self.kassa(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let after = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(after == before, "kassa \(arguments.joined(separator: " ")) changed the file")
        }
    }

    @Test func countsAgreeAcrossOutputFormats() throws {
        let folder = try Self.seeded()
        let count = Int(try Self.kassa(["select", "--country", "SE", "--count"], in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let ids = try Self.kassa(["select", "--country", "SE", "--ids"], in: folder).stdout.split(separator: "\n")
        let json = try Self.kassa(["select", "--country", "SE", "--json"], in: folder).stdout
        let customers = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(count != nil && count! > 0)
        #expect(ids.count == count)
        #expect(customers?.count == count)
        #expect(customers?.allSatisfy { $0["country"] as? String == "SE" } == true)
        // Scripts read the names they know from Lua and the CSV export, and dates as text.
        let visited = customers?.first { $0["last_visit"] != nil }
        #expect((visited?["last_visit"] as? String).map { CalendarDateText.isDay($0) } == true, "\(visited ?? [:])")
        #expect(customers?.allSatisfy { $0["first_name"] != nil || $0["company"] != nil } == true)
        #expect(customers?.contains { $0["firstName"] != nil || $0["lastVisit"] != nil } == false)
    }

    @Test func marketingPurposeAlwaysRequiresConsentEvenWithALuaFilter() throws {
        let folder = try Self.seeded()
        let all = try Self.kassa(["select", "--filter", "lapsed", "--param", "since=2030-01-01", "--ids"], in: folder).stdout.split(separator: "\n")
        let marketing = try Self.kassa(["select", "--filter", "lapsed", "--param", "since=2030-01-01", "--purpose", "marketing", "--ids"], in: folder).stdout.split(separator: "\n")
        let consenting = try Self.kassa(["select", "--consent", "--ids"], in: folder).stdout.split(separator: "\n")
        #expect(!marketing.isEmpty)
        #expect(marketing.count < all.count)
        #expect(Set(marketing) == Set(consenting).intersection(all))
    }

    @Test func aLuaFilterNarrowsWhatSQLChose() throws {
        let folder = try Self.seeded()
        let sql = Set(try Self.kassa(["select", "--country", "SE", "--ids"], in: folder).stdout.split(separator: "\n"))
        let both = Set(try Self.kassa(["select", "--country", "SE", "--filter", "lapsed_vip", "--param", "since=2026-03-01", "--param", "min_points=1000", "--ids"], in: folder).stdout.split(separator: "\n"))
        #expect(!both.isEmpty)
        #expect(both.isSubset(of: sql))
        #expect(both.count < sql.count)
    }

    @Test func badSelectionsAreClearErrors() throws {
        let folder = try Self.seeded(50)
        let cases: [([String], String)] = [
            (["select", "--points", "10-x"], "Points range \"10-x\" is not MIN-MAX"),
            (["select", "--filter", "nope"], "No filter is called \"nope\""),
            (["select", "--filter", "lapsed"], "needs the parameter \"since\""),
            (["select", "--filter", "lapsed", "--param", "since=yesterday"], "must be a date as YYYY-MM-DD, not \"yesterday\""),
            (["select", "--visited-since", "2026-13-01"], "2026-13-01"),
        ]
        for (arguments, expected) in cases {
            let result = try Self.kassa(arguments, in: folder)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
    }

    @Test func marksPersistUntilReset() throws {
        let folder = try Self.seeded(50)
        let numbers = try Self.kassa(["select", "--ids"], in: folder).stdout.split(separator: "\n").prefix(3).map(String.init)
        #expect(try Self.kassa(["mark"] + numbers, in: folder).stdout == "Marked 3 customers.\n")
        #expect(try Self.kassa(["unmark", numbers[0]], in: folder).status == 0)
        #expect(try Self.kassa(["select", "--marked", "--ids"], in: folder).stdout == numbers.dropFirst().joined(separator: "\n") + "\n")
        let unknown = try Self.kassa(["mark", numbers[0], "no-such-customer"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no-such-customer"))
        // All or nothing: the known number in the failed call was not marked either.
        #expect(try Self.kassa(["marks"], in: folder).stdout.split(separator: "\n").count == 2)
        #expect(try Self.kassa(["marks", "reset"], in: folder).stdout == "Cleared 2 marks.\n")
        #expect(try Self.kassa(["select", "--marked", "--count"], in: folder).stdout == "0\n")
    }

    @Test func selectAllThenExclude() throws {
        let folder = try Self.seeded(50)
        let all = try Self.kassa(["select", "--ids"], in: folder).stdout.split(separator: "\n").map(String.init)
        let rest = try Self.kassa(["select", "--ids", "--exclude", all[0], all[1]], in: folder).stdout.split(separator: "\n").map(String.init)
        #expect(rest == Array(all.dropFirst(2)))
    }

    @Test func exportThenImportGivesTheSameRegister() throws {
        let folder = try Self.seeded(200)
        let export = try Self.kassa(["customers", "export", "-o", folder.file("all.csv"), "--delimiter", ";", "--bom"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.file("all.csv")))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let copy = TemporaryDirectory()
        let imported = try KassaProcess.run(["customers", "import", folder.file("all.csv"), "--json", "--db", copy.file("kassa.sqlite")], in: copy.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any]
        #expect(report?["inserted"] as? Int == 200)
        #expect(report?["rejected"] as? Int == 0)
        let original = try Self.withoutCards(try Self.kassa(["select", "--json"], in: folder).stdout)
        let again = try Self.withoutCards(try KassaProcess.run(["select", "--json", "--db", copy.file("kassa.sqlite")], in: copy.path).stdout)
        #expect(original.count == 200)
        #expect(original == again)
        // Importing the same file again updates every customer and adds none.
        let second = try KassaProcess.run(["customers", "import", folder.file("all.csv"), "--db", copy.file("kassa.sqlite")], in: copy.path)
        #expect(second.stdout.contains("0 inserted, 200 updated"))
    }

    @Test func aFileWithBadRowsIsRefusedWholeAndEveryBadRowIsNamed() throws {
        let folder = TemporaryDirectory()
        try folder.write("shop.csv", "Kundnr;Förnamn;E-post;Poäng\n1;Åsa;asa@example.se;10\n2;Bo;not-an-address;20\n3;Cy;cy@example.se;lots\n")
        let result = try KassaProcess.run(["customers", "import", "shop.csv", "--db", folder.file("kassa.sqlite")], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("shop.csv:3:"))
        #expect(result.stderr.contains("shop.csv:4: column \"Poäng\": \"lots\" is not a whole number"))
        #expect(result.stderr.contains("Nothing was imported from shop.csv: 2 bad rows"))
        #expect(try KassaProcess.run(["select", "--count", "--db", folder.file("kassa.sqlite")], in: folder.path).stdout == "0\n")
    }

    /// An import into a file nobody else has open writes through a rollback journal (no
    /// second copy through the WAL): a kill in the middle must still change nothing.
    @Test func aKilledImportChangesNothing() throws {
        let folder = TemporaryDirectory()
        let database = folder.file("kassa.sqlite")
        try folder.write("first.csv", "Kundnr;Förnamn;Poäng\n" + (1...300).map { "\($0);Åsa\($0);\($0)\n" }.joined())
        #expect(try KassaProcess.run(["customers", "import", "first.csv", "--db", database], in: folder.path).status == 0)
        // Half the big file updates those 300 customers' pages, the rest adds new ones.
        var big = "Kundnr;Förnamn;Efternamn;Ort;Poäng\n"
        for number in 1...400_000 { big += "\(number);Bo\(number);Ek;Malmö;\(number % 997)\n" }
        try folder.write("big.csv", big)

        let importer = try KassaProcess.start(["customers", "import", "big.csv", "--db", database], in: folder.path)
        let journal = database + "-journal"
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: journal), importer.isRunning, Date() < deadline {
            usleep(5_000)
        }
        #expect(importer.isRunning, "the import ended before it could be killed midway")
        usleep(300_000)
        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()

        let after = try KassaProcess.run(["select", "--json", "--db", database], in: folder.path)
        #expect(after.status == 0, "\(after.stderr)")
        let customers = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        #expect(customers.count == 300)
        #expect(customers.allSatisfy { ($0["first_name"] as? String)?.hasPrefix("Åsa") == true })
        #expect(!FileManager.default.fileExists(atPath: journal), "the interrupted write was rolled back")
        // And the file takes the next import as usual.
        #expect(try KassaProcess.run(["customers", "import", "first.csv", "--db", database], in: folder.path).status == 0)
    }

    @Test func headersInEveryLanguageAndLatin1AreRead() throws {
        let folder = TemporaryDirectory()
        // Windows-1252 bytes, Dutch headers, a mobile without country code.
        let text = "Klantnummer;Voornaam;Achternaam;Mobiel;Plaats;Nieuwsbrief\r\n7;Sanne;de Vries;06-12345678;Utrecht;ja\r\n8;Jos\u{E9};Pe\u{F1}a;;Tilburg;nee\r\n"
        let bytes = text.unicodeScalars.map { UInt8($0.value) }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("klanten.csv")))
        try folder.write("kassa.toml", "[shop]\ncountry = \"NL\"\n")
        let result = try KassaProcess.run(["customers", "import", "klanten.csv", "--db", folder.file("kassa.sqlite")], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try KassaProcess.run(["select", "--json", "--db", folder.file("kassa.sqlite")], in: folder.path).stdout
        #expect(json.contains("\"mobile\":\"+31612345678\""))
        #expect(json.contains("\"lastName\":\"Peña\"") || json.contains("Pe\\u00f1a") || json.contains("Peña"))
        #expect(try KassaProcess.run(["select", "--consent", "--ids", "--db", folder.file("kassa.sqlite")], in: folder.path).stdout == "7\n")
    }

    @Test func exportsNeverCarryAFormula() throws {
        let folder = TemporaryDirectory()
        try folder.write("evil.csv", "Customer number,First name,City\n1,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",@SUM(A1)\n")
        #expect(try KassaProcess.run(["customers", "import", "evil.csv", "--db", folder.file("kassa.sqlite")], in: folder.path).status == 0)
        let csv = try KassaProcess.run(["select", "--csv", "--db", folder.file("kassa.sqlite")], in: folder.path).stdout
        #expect(csv.contains("\"'=HYPERLINK("))
        #expect(csv.contains("'@SUM(A1)"))
    }
}

@Suite struct CustomersAPICommandTests {
    @Test func scriptsReadTheRegisterThroughKassaCustomers() throws {
        let folder = try RegisterCommandTests.seeded(300)
        try folder.write("report.lua", """
            local n, vips = 0, 0
            for c in kassa.customers.select { country = "SE", points = "1000-" } do
              n = n + 1
              assert(c.country == "SE" and c.points >= 1000)
              if c:has("email") then vips = vips + 1 end
            end
            print(n == kassa.customers.count { country = "SE", points = "1000-" }, n > 0, vips <= n)
            local first = kassa.customers.select()()
            local again = kassa.customers.get(first.number)
            print(again.number == first.number, again.first_name == first.first_name, kassa.customers.get("none") == nil)
            print(kassa.customers.count { filter = "lapsed", params = { since = "2030-01-01" } } > 0)
            """)
        // Options go before the script: what follows it is the script's own arguments.
        let result = try KassaProcess.run(["run", "--db", folder.file("kassa.sqlite"), "--plugins", KassaProcess.repositoryRoot + "/plugins", "report.lua"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "true\ttrue\ttrue\ntrue\ttrue\ttrue\ntrue\n")
    }

    @Test func onePluginCannotChangeTheCustomersAnotherSees() throws {
        let folder = try RegisterCommandTests.seeded(50)
        try folder.write("plugins/tamper.lua", """
            kassa.plugin { name = "tamper", version = "1.0" }
            local c = kassa.customers.select()()
            local fake = function() return "tampered" end
            pcall(function() getmetatable(c).__index.has = fake end)
            pcall(function() for name in pairs(getmetatable(c).__index) do getmetatable(c).__index[name] = fake end end)
            pcall(function() rawset(getmetatable(c), "__index", { has = fake }) end)
            pcall(function() getmetatable(c).__metatable = nil end)
            pcall(setmetatable, c, { __index = { has = fake } })
            pcall(function() getmetatable(kassa.customers.get(c.number)).__index.has = fake end)
            """)
        try folder.write("check.lua", """
            local c = kassa.customers.select()()
            local again = kassa.customers.get(c.number)
            print(getmetatable(c), getmetatable(again), c:has("email") ~= "tampered", again:has("email") ~= "tampered")
            local plain = true
            for row in kassa.customers.select() do plain = plain and row:has("email") ~= "tampered" end
            print(plain)
            """)
        let result = try KassaProcess.run(["run", "--db", folder.file("kassa.sqlite"), "--plugins", folder.file("plugins"), "check.lua"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "false\tfalse\ttrue\ttrue\ntrue\n")
    }

    @Test func badCriteriaAreClearErrorsAtTheScriptsLine() throws {
        let folder = try RegisterCommandTests.seeded(20)
        try folder.write("bad.lua", "local x = 1\nreturn kassa.customers.count { contry = 'SE' }\n")
        let result = try KassaProcess.run(["run", "--db", folder.file("kassa.sqlite"), "bad.lua"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("bad.lua:2: kassa.customers.count: unknown criterion \"contry\""))
        try folder.write("get.lua", "local x = 1\nlocal c = kassa.customers.get({})\n")
        let get = try KassaProcess.run(["run", "--db", folder.file("kassa.sqlite"), "get.lua"], in: folder.path)
        #expect(get.stderr == "get.lua:2: kassa.customers.get expects a customer number, not table\n")
    }
}

/// `YYYY-MM-DD`, checked without KassaCore.
enum CalendarDateText {
    static func isDay(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
    }
}
