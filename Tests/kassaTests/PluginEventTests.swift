import Foundation
import KassaTesting
import Testing

/// `kassa.on(...)` handlers run after the fact is committed, with the plugin's grants; a
/// failing handler is logged and never undoes the fact.
@Suite struct PluginEventTests {
    /// Logs every event it gets, one line each (`[recorder] NAME\t...` on stderr).
    static let recorder = """
        kassa.plugin { name = "recorder", version = "1.0.0" }
        kassa.on("customer.imported", function(e) kassa.log(e.name, e.file, e.inserted, e.updated) end)
        kassa.on("card.ordered", function(e) kassa.log(e.name, e.customer, e.card_number, e.template, e.cost) end)
        kassa.on("cheque.issued", function(e) kassa.log(e.name, e.customer, e.cheque, e.value, e.points) end)
        kassa.on("mailing.sent", function(e) kassa.log(e.name, e.mailing, e.channel, e.sent, e.failed, e.status) end)
        kassa.on("message.failed", function(e) kassa.log(e.name, e.mailing, e.customer, e.address, e.reason) end)
        kassa.template {
          name = "note",
          channel = "email",
          render = function(c)
            if c.number == "3" then error("no note for customer 3") end
            return { subject = "Hej", text = "Hej " .. c.number }
          end,
        }
        """

    static func lines(_ stderr: String, _ event: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("[recorder] \(event)\t") }
    }

    @Test func anImportFiresOnceWithItsCounts() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("plugins/recorder.lua", Self.recorder)
        try shop.folder.write("more.csv", "number,first_name,email,points\n3,Åsa,asa@example.se,500\n8,Ny,ny@example.se,10\n9,Nyare,,0\n")
        let imported = try shop.run(["customers", "import", "more.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(Self.lines(imported.stderr, "customer.imported") == ["[recorder] customer.imported\tmore.csv\t2\t1"], "\(imported.stderr)")

        // A rejected file imports nothing and fires nothing.
        try shop.folder.write("bad.csv", "number,first_name,points\n10,Bad,many\n")
        let rejected = try shop.run(["customers", "import", "bad.csv"])
        #expect(rejected.status == 1)
        #expect(Self.lines(rejected.stderr, "customer.imported").isEmpty, "\(rejected.stderr)")
    }

    @Test func aCardOrderFiresAndAFailingHandlerIsLoggedWhileTheOrderStands() throws {
        let shop = try LoyaltyShop(config: CardsCommandTests.twoTemplates)
        try shop.folder.write("plugins/recorder.lua", Self.recorder)
        try shop.folder.write("plugins/clumsy.lua", """
            kassa.plugin { name = "clumsy", version = "1.0.0" }
            kassa.on("card.ordered", function(e)
              error("cannot handle " .. e.card_number)
            end)
            """)
        let ordered = try shop.run(["cards", "order", "4", "--template", "GOLD"])
        #expect(ordered.status == 0, "\(ordered.stderr)")
        #expect(Self.lines(ordered.stderr, "card.ordered") == ["[recorder] card.ordered\t4\tORD-000001\tGOLD\t12.50"], "\(ordered.stderr)")
        #expect(ordered.stderr.contains("kassa: warning: The card.ordered handler of plugin \"clumsy\" (plugins/clumsy.lua:2) failed: plugins/clumsy.lua:3: cannot handle ORD-000001; the card order stands"),
                "\(ordered.stderr)")
        let cards = try #require(try shop.json(["cards", "list", "4"]) as? [[String: Any]])
        #expect(cards.map { $0["card_number"] as? String } == ["ORD-000001"])
    }

    @Test func chequesFireOncePerChequeAfterThePayOut() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("plugins/recorder.lua", Self.recorder)
        let issued = try shop.run(["cheques", "issue", "--yes", "--file", "KADO1.CSV", "--json"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let issue = try #require(try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [String: Any])
        let cheques = try #require(issue["cheques"] as? [[String: Any]])
        let fired = Self.lines(issued.stderr, "cheque.issued")
        #expect(fired.count == cheques.count && cheques.count == 4, "\(issued.stderr)")
        for cheque in cheques {
            let line = ["[recorder] cheque.issued", cheque["number"] as? String ?? "?", cheque["cheque_number"] as? String ?? "?",
                        cheque["value"] as? String ?? "?", "\(cheque["points_used"] as? Int ?? -1)"].joined(separator: "\t")
            #expect(fired.contains(line), "\(line) not in \(fired)")
        }
        #expect(fired.contains { $0.hasPrefix("[recorder] cheque.issued\t4\t") && $0.hasSuffix("\t15.00\t1500") }, "\(fired)")
    }

    @Test func aMailingRunFiresItsFailuresAndItsCounts() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("plugins/recorder.lua", Self.recorder)
        let created = try shop.run(["mailing", "create", "--channel", "email", "--template", "note", "--purpose", "transactional", "--has", "email"])
        #expect(created.status == 0, "\(created.stderr)")
        // Customer 3's message cannot render: the run sends the others when told to skip it,
        // and exits non-zero for the failure.
        let sent = try shop.run(["mailing", "send", "1", "--skip-unrenderable"])
        #expect(sent.status != 0, "\(sent.stderr)")
        // Customers 1, 2, 3, 4, 5 and 7 have an address; customer 3's message fails.
        #expect(Self.lines(sent.stderr, "mailing.sent") == ["[recorder] mailing.sent\t1\temail\t5\t1\tfinished"], "\(sent.stderr)")
        let failed = Self.lines(sent.stderr, "message.failed")
        #expect(failed.count == 1, "\(sent.stderr)")
        #expect(failed.first?.hasPrefix("[recorder] message.failed\t1\t3\tasa@example.se\t") == true, "\(failed)")
        #expect(failed.first?.contains("no note for customer 3") == true, "\(failed)")

        // A second run sends nothing new: its counts are zero and no old failure fires again.
        let again = try shop.run(["mailing", "send", "1"])
        #expect(Self.lines(again.stderr, "mailing.sent") == ["[recorder] mailing.sent\t1\temail\t0\t0\tfinished"], "\(again.stderr)")
        #expect(Self.lines(again.stderr, "message.failed").isEmpty, "\(again.stderr)")
    }

    @Test func handlersActWithThePluginsGrantsOnly() throws {
        let follower = """
            kassa.plugin { name = "follower", version = "1.0.0", permissions = { "cards.order" } }
            kassa.on("customer.imported", function(e)
              local order = kassa.cards.order { number = "4", template = "GOLD" }
              kassa.log("ordered", order.card_number)
            end)
            """
        let more = "number,first_name,email,points\n8,Ny,ny@example.se,10\n"

        let ungranted = try LoyaltyShop(config: CardsCommandTests.twoTemplates)
        try ungranted.folder.write("plugins/follower.lua", follower)
        try ungranted.folder.write("more.csv", more)
        let refused = try ungranted.run(["customers", "import", "more.csv"])
        #expect(refused.status == 0, "the import stands: \(refused.stderr)")
        #expect(refused.stderr.contains("The customer.imported handler of plugin \"follower\" (plugins/follower.lua:2) failed: plugins/follower.lua:3: plugin \"follower\" may not call kassa.cards.order"),
                "\(refused.stderr)")
        #expect(try #require(try ungranted.json(["cards", "list", "4"]) as? [Any]).isEmpty)
        #expect(try ungranted.run(["select", "--count"]).stdout == "8\n")

        let granted = try LoyaltyShop(config: CardsCommandTests.twoTemplates + "\n[plugins.follower]\nallow = [\"cards.order\"]\n")
        try granted.folder.write("plugins/follower.lua", follower)
        try granted.folder.write("plugins/recorder.lua", Self.recorder)
        try granted.folder.write("more.csv", more)
        let ordered = try granted.run(["customers", "import", "more.csv"])
        #expect(ordered.status == 0, "\(ordered.stderr)")
        #expect(ordered.stderr.contains("[follower] ordered\tORD-000001"), "\(ordered.stderr)")
        // The order the handler placed is an event too, for the other plugins.
        #expect(Self.lines(ordered.stderr, "card.ordered") == ["[recorder] card.ordered\t4\tORD-000001\tGOLD\t12.50"], "\(ordered.stderr)")
        #expect(try #require(try granted.json(["cards", "list", "4"]) as? [Any]).count == 1)
    }

    @Test func anUnknownEventFailsThePluginAndNamesTheKnownOnes() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("plugins/typo.lua", "kassa.plugin { name = \"typo\", version = \"1.0.0\" }\nkassa.on(\"card.orderd\", function(e) end)\n")
        let listed = try shop.run(["plugins"])
        #expect(listed.stdout.contains("typo 1.0.0  failed"), "\(listed.stdout)")
        #expect(listed.stdout.contains(#"plugins/typo.lua:2: kassa.on: there is no event "card.orderd" (known: card.ordered, cheque.issued, customer.imported, mailing.sent, message.failed)"#),
                "\(listed.stdout)")
    }
}
