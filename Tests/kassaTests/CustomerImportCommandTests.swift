import Foundation
import KassaTesting
import Testing

/// `kassa customers import` into a register that already holds the customers: an import
/// writes only what its file carries (`--replace` overwrites), `--dry-run` writes nothing,
/// and a customer number with a control character is refused with its row.
@Suite struct CustomerImportCommandTests {
    /// Customer 100002 has every kind of data an import could erase: names, addresses,
    /// points, consent with its time, two vehicles, a contact address and an attribute; the
    /// shop orders a card for them from the card service (a file provider).
    static let register = """
        number,first_name,last_name,email,contact_emails,mobile,city,country,points,newsletter,newsletter_at,vehicle_type,vehicle_brand,attrs.Födelsedag
        100001,Bo,Ek,bo@example.se,,,Lund,SE,10,no,,,,
        100002,Åsa,Öberg,asa@example.se,verkstad@example.se,0701234567,Lund,SE,5140,yes,2026-03-01 10:30,Cykel,Crescent,1980-05-01
        100002,,,,,,,,,,,Bil,Volvo,

        """

    static let cards = """
        [cards]
        provider = "file"
        templates = [{ name = "GOLD", cost = 12.50 }]

        """

    /// The shop of `register`, with a card ordered for 100002.
    static func shop() throws -> LoyaltyShop {
        let shop = try LoyaltyShop(config: cards, register: register)
        let order = try shop.run(["cards", "order", "100002", "--template", "GOLD", "--valid-until", "2099-12-31"])
        #expect(order.status == 0, "\(order.stderr)")
        return shop
    }

    /// Every customer as `select --json` shows it, by number.
    static func customers(of shop: LoyaltyShop) throws -> [String: NSDictionary] {
        let list = try #require(try shop.json(["select"]) as? [[String: Any]])
        var byNumber: [String: NSDictionary] = [:]
        for customer in list { byNumber[customer["number"] as? String ?? ""] = customer as NSDictionary }
        return byNumber
    }

    /// `before` with `changes` applied, as `select --json` would show it (`NSNull`: the value is gone).
    static func changed(_ before: NSDictionary?, _ changes: [String: Any]) -> NSDictionary {
        var customer = before as? [String: Any] ?? [:]
        for (key, value) in changes { customer[key] = value }
        return customer as NSDictionary
    }

    /// The file of issue 13, in Windows-1252 as the till writes it: only the city.
    static func writePartialFile(in shop: LoyaltyShop) throws {
        try Data("Kundnr;Ort\r\n100002;Malm".utf8 + [0xF6] + Data("\r\n".utf8))
            .write(to: URL(fileURLWithPath: shop.folder.file("part.csv")))
    }

    @Test func aFileWithOnlyTheCityChangesOnlyTheCity() throws {
        let shop = try Self.shop()
        let before = try Self.customers(of: shop)
        let original = try #require(before["100002"])
        #expect((original["cards"] as? [Any])?.count == 1, "the ordered card is on the customer")
        #expect(original["points"] as? Int == 5140)

        try Self.writePartialFile(in: shop)
        let result = try shop.run(["customers", "import", "part.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Imported part.csv: 0 inserted, 1 updated.\n")

        let after = try Self.customers(of: shop)
        #expect(after["100002"] == Self.changed(original, ["city": "Malmö"]))
        #expect(after["100001"] == before["100001"])
        // The card order still finds its card.
        let cards = try #require(try shop.json(["cards", "list", "100002"]) as? [[String: Any]])
        #expect(cards.map { $0["card_number"] as? String } == ["ORD-000001"])
    }

    @Test func aFileWithoutTheConsentColumnKeepsEveryConsent() throws {
        let shop = try Self.shop()
        let before = try Self.customers(of: shop)
        try shop.folder.write("names.csv", "Kundnr;Förnamn\n100001;Bosse\n100002;Åsa-Lena\n")
        let result = try shop.run(["customers", "import", "names.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try shop.run(["select", "--consent", "--ids"]).stdout == "100002\n")
        let after = try Self.customers(of: shop)
        #expect(after["100002"] == Self.changed(before["100002"], ["first_name": "Åsa-Lena"]))
        #expect(after["100001"] == Self.changed(before["100001"], ["first_name": "Bosse"]))
    }

    @Test func aFileWithTheVehicleColumnsReplacesTheVehicles() throws {
        let shop = try Self.shop()
        let before = try Self.customers(of: shop)
        try shop.folder.write("vehicles.csv", "Kundnr;Fordonstyp;Märke;Regnr\n100002;MC;Honda;ABC 123\n")
        let result = try shop.run(["customers", "import", "vehicles.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let after = try Self.customers(of: shop)
        #expect(after["100002"] == Self.changed(before["100002"], ["vehicles": [["type": "MC", "brand": "Honda", "model": NSNull(), "plate": "ABC 123"]]]))
    }

    @Test func anAttributeColumnChangesOnlyItsOwnAttribute() throws {
        let shop = try Self.shop()
        let before = try Self.customers(of: shop)
        try shop.folder.write("attributes.csv", "Kundnr;Skostorlek\n100002;42\n")
        #expect(try shop.run(["customers", "import", "attributes.csv"]).status == 0)
        var after = try Self.customers(of: shop)
        #expect(after["100002"] == Self.changed(before["100002"], ["attrs": ["Födelsedag": "1980-05-01", "Skostorlek": "42"]]))
        // An empty cell of an attribute column removes that attribute, and only it.
        try shop.folder.write("attributes.csv", "Kundnr;Födelsedag\n100002;\n")
        #expect(try shop.run(["customers", "import", "attributes.csv"]).status == 0)
        after = try Self.customers(of: shop)
        #expect(after["100002"] == Self.changed(before["100002"], ["attrs": ["Skostorlek": "42"]]))
    }

    @Test func replaceOverwritesWholeCustomersButKeepsPointsAndCardsItDoesNotCarry() throws {
        let shop = try Self.shop()
        let before = try Self.customers(of: shop)
        let original = try #require(before["100002"])
        try Self.writePartialFile(in: shop)
        let result = try shop.run(["customers", "import", "part.csv", "--replace"])
        #expect(result.status == 0, "\(result.stderr)")
        let after = try Self.customers(of: shop)
        let replaced = try #require(after["100002"])
        #expect(replaced["city"] as? String == "Malmö")
        for key in ["first_name", "last_name", "email", "mobile", "country", "newsletter_at"] {
            #expect(replaced[key] is NSNull, "\(key) is overwritten")
        }
        #expect(replaced["newsletter"] as? Bool == false)
        #expect((replaced["vehicles"] as? [Any])?.isEmpty == true)
        #expect((replaced["contact_emails"] as? [Any])?.isEmpty == true)
        #expect((replaced["attrs"] as? [String: Any])?.isEmpty == true)
        #expect(replaced["points"] as? Int == 5140)
        #expect(replaced["cards"] as? NSArray == original["cards"] as? NSArray)
        #expect(after["100001"] == before["100001"])

        // With the points column, --replace writes the points too.
        try shop.folder.write("points.csv", "Kundnr;Poäng\n100002;7\n")
        #expect(try shop.run(["customers", "import", "points.csv", "--replace"]).status == 0)
        #expect(try shop.points()["100002"] == 7)
    }

    /// The file changes, clears, keeps and adds: the dry run counts each per field, and the
    /// database file stays byte for byte the same.
    @Test func aDryRunCountsPerFieldAndWritesNothing() throws {
        let shop = try Self.shop()
        try shop.folder.write("change.csv", """
            Kundnr;Ort;E-post;Nyhetsbrev
            100001;Lund;;ja
            100002;Malmö;asa@example.se;nej
            100003;Ystad;c@example.se;ja

            """)
        let database = shop.folder.file("kassa.sqlite")
        let before = try Self.customers(of: shop)
        // Opening the file with any command (`select` too) moves counters in its header
        // (a pre-existing effect of opening, not of the import): a copy that only a
        // `select` opens is what the dry run must leave, byte for byte.
        let copy = shop.folder.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: database, toPath: copy)
        #expect(try KassaProcess.run(["select", "--count", "--db", copy], in: shop.folder.path).status == 0)

        let text = try shop.run(["customers", "import", "change.csv", "--dry-run"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == Data(contentsOf: URL(fileURLWithPath: copy)))
        #expect(text.stdout == """
            Dry run of change.csv, nothing was written: 1 would be inserted, 2 updated.
            Field           Changed  Cleared
            email                 1        1
            city                  1        0
            newsletter            2        1
            newsletter_at         1        1

            """)

        let json = try shop.run(["customers", "import", "change.csv", "--dry-run", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["dry_run"] as? Bool == true)
        #expect(report["inserted"] as? Int == 1)
        #expect(report["updated"] as? Int == 2)
        let fields = try #require(report["fields"] as? [[String: Any]])
        #expect(fields.map { $0["field"] as? String } == ["email", "city", "newsletter", "newsletter_at"])
        #expect(fields.map { $0["changed"] as? Int } == [1, 1, 2, 1])
        #expect(fields.map { $0["cleared"] as? Int } == [1, 0, 1, 1])

        #expect(try Self.customers(of: shop) == before)

        // The import itself does what the dry run said.
        let real = try shop.run(["customers", "import", "change.csv"])
        #expect(real.stdout == "Imported change.csv: 1 inserted, 2 updated.\n")
        let after = try Self.customers(of: shop)
        #expect(after["100001"] == Self.changed(before["100001"], ["email": NSNull(), "newsletter": true]))
        #expect(after["100002"] == Self.changed(before["100002"], ["city": "Malmö", "newsletter": false, "newsletter_at": NSNull()]))
    }

    @Test func aDryRunOfABadFileIsRefusedAsTheImportWouldBe() throws {
        let shop = try Self.shop()
        try shop.folder.write("bad.csv", "Kundnr;Poäng\n100001;many\n")
        let result = try shop.run(["customers", "import", "bad.csv", "--dry-run"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.csv:2: column \"Poäng\": \"many\" is not a whole number"))
    }

    @Test func aDryRunWithoutADatabaseCreatesNone() throws {
        let folder = TemporaryDirectory()
        try folder.write("new.csv", "Kundnr;Ort\n1;Lund\n2;Ystad\n")
        let result = try KassaProcess.run(["customers", "import", "new.csv", "--dry-run", "--db", folder.file("kassa.sqlite")], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Dry run of new.csv, nothing was written: 2 would be inserted, 0 updated.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("kassa.sqlite")))
    }

    /// A number with CR/LF would later make an HTTP header that the SMS transport refuses.
    @Test func aCustomerNumberWithALineBreakIsRefusedWithItsRow() throws {
        let folder = TemporaryDirectory()
        try folder.write("shop.csv", "Kundnr;Förnamn\r\n100001;Bo\r\n\"100\r\n002\";Åsa\r\n")
        let result = try KassaProcess.run(["customers", "import", "shop.csv", "--db", folder.file("kassa.sqlite")], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains(#"shop.csv:3: column "Kundnr": "100\r\n002" holds a control character"#), "\(result.stderr)")
        #expect(result.stderr.contains("Nothing was imported from shop.csv: 1 bad row"))
        #expect(try KassaProcess.run(["select", "--count", "--db", folder.file("kassa.sqlite")], in: folder.path).stdout == "0\n")
    }
}
