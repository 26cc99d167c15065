import Foundation
import KassaTesting
import Testing

/// `kassa cards templates|order|list|schedule|attach` and `kassa.cards.order`: the real executable.
@Suite struct CardsCommandTests {
    static let twoTemplates = """
        [cards]
        provider = "file"
        templates = [{ name = "BASIS", cost = 4.90 }, { name = "GOLD", cost = 12.50 }]

        """

    static let oneTemplate = "templates = [{ name = \"BASIS\", cost = 4.90 }]\n"

    @Test func templatesWithTheirCosts() throws {
        let shop = try LoyaltyShop(config: Self.twoTemplates)
        let templates = try #require(try shop.json(["cards", "templates"]) as? [[String: Any]])
        #expect(templates.map { $0["name"] as? String } == ["BASIS", "GOLD"])
        #expect(templates.map { $0["cost"] as? String } == ["4.90", "12.50"])
        #expect(try shop.run(["cards", "templates"]).stdout == "BASIS  4.90 SEK\nGOLD  12.50 SEK\n")
        let none = try LoyaltyShop(config: "[cards]\nprovider = \"none\"\n" + Self.oneTemplate)
        #expect(try none.run(["cards", "templates"]).stderr.contains("only a request for information can be made"))
    }

    @Test func anOrderGoesOnTheCustomersCardsAndIntoTheOrderFiles() throws {
        let shop = try LoyaltyShop(config: Self.twoTemplates)
        let order = try #require(try shop.json(["cards", "order", "4", "--template", "GOLD", "--valid-until", "2099-12-31",
                                                "--comment", "An die Filiale, \"Nord\""]) as? [String: Any])
        #expect(order["card_number"] as? String == "ORD-000001")
        #expect(order["status"] as? String == "submitted")
        #expect(order["cost"] as? String == "12.50")
        let orderDate = try #require(order["order_date"] as? String)
        let dispatch = try #require(order["dispatch_date"] as? String)
        // Every order shows the day `kassa cards schedule` gives for its order day.
        let schedule = try #require(try shop.json(["cards", "schedule", "--from", orderDate]) as? [String: Any])
        #expect(schedule["dispatch_date"] as? String == dispatch)

        // The file provider wrote one JSON and one CSV file for the batch, and nothing else.
        let receipt = try #require(order["receipt"] as? [String: Any])
        let batch = try #require(receipt["batch_id"] as? String)
        let files = shop.outbox()
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasPrefix("cards-") && $0.contains(batch) })
        let jsonFile = try #require(files.first { $0.hasSuffix(".json") })
        let csvFile = try #require(files.first { $0.hasSuffix(".csv") })
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: shop.folder.file("outbox/" + jsonFile)))) as? [String: Any])
        #expect(written["batch_id"] as? String == batch)
        let orders = try #require(written["orders"] as? [[String: Any]])
        #expect(orders.count == 1)
        #expect(orders[0]["customer_number"] as? String == "4")
        #expect(orders[0]["template"] as? String == "GOLD")
        #expect(orders[0]["valid_until"] as? String == "2099-12-31")
        #expect(orders[0]["dispatch_date"] as? String == dispatch)
        #expect(try shop.text("outbox/" + csvFile) == #"""
            batch_id,customer_number,template,cost,valid_until,order_date,dispatch_date,comment,status\#r
            \#(batch),4,GOLD,12.50,2099-12-31,\#(orderDate),\#(dispatch),"An die Filiale, ""Nord""",ordered\#r

            """#)

        // The card is on the customer, with its order details.
        let cards = try #require(try shop.json(["cards", "list", "4"]) as? [[String: Any]])
        #expect(cards.count == 1)
        #expect(cards[0]["card_number"] as? String == "ORD-000001")
        #expect(cards[0]["status"] as? String == "submitted")
        #expect(cards[0]["ordered_on"] as? String == orderDate)
        #expect(cards[0]["dispatch_on"] as? String == dispatch)
        #expect(cards[0]["valid_until"] as? String == "2099-12-31")
        #expect((cards[0]["order"] as? [String: Any])?["comment"] as? String == "An die Filiale, \"Nord\"")
        let text = try shop.run(["cards", "list", "4"]).stdout
        #expect(text.hasPrefix("ORD-000001  GOLD  submitted  ordered \(orderDate)  dispatch \(dispatch)  12.50 SEK  valid until 2099-12-31"))

        // A programme attaches to the card and shows with it.
        let attached = try shop.run(["cards", "attach", "4", "ORD-000001", "--kind", "voucher", "--name", "Welcome", "--amount", "10"])
        #expect(attached.status == 0, "\(attached.stderr)")
        let after = try #require(try shop.json(["cards", "list", "4"]) as? [[String: Any]])
        let programmes = try #require(after[0]["programmes"] as? [[String: Any]])
        #expect(programmes.first?["kind"] as? String == "voucher")
        #expect(programmes.first?["amount"] as? String == "10.00")
        let badProgramme = try shop.run(["cards", "attach", "4", "ORD-000001", "--kind", "discount", "--name", "Half", "--percent", "150"])
        #expect(badProgramme.status == 1)
        #expect(badProgramme.stderr.contains("from 1 to 100, not 150"))
    }

    @Test func everyRefusalIsOneLineAndOrdersNothing() throws {
        let cases: [(config: String, arguments: [String], reason: String)] = [
            ("[cards]\nprovider = \"none\"\n" + Self.oneTemplate, ["4"], "only a request for information can be made"),
            ("[cards]\nprovider = \"http\"\n" + Self.oneTemplate, ["4"], "[cards] provider = \"http\" needs url = \"http://…\""),
            (Self.twoTemplates, ["404", "--template", "GOLD"], "There is no customer with number \"404\""),
            (Self.twoTemplates, ["4"], "There are 2 card templates; choose one of \"BASIS\", \"GOLD\" with --template"),
            (Self.twoTemplates, ["4", "--template", "PLATINUM"], "There is no card template \"PLATINUM\"; the templates are \"BASIS\", \"GOLD\""),
            (Self.twoTemplates + "validity_required = true\n", ["4", "--template", "GOLD"], "requires a validity date"),
            (Self.twoTemplates, ["4", "--template", "GOLD", "--valid-until", "2000-01-01"], "The validity date 2000-01-01 is in the past"),
            ("[cards]\ntemplates = []\n", ["4"], "No card templates are configured"),
            ("[cards]\ntemplates = [{ name = \"ODD\", cost = 4.905 }]\n", ["4"], "costs 4.905"),
        ]
        for (config, arguments, reason) in cases {
            let shop = try LoyaltyShop(config: config)
            let result = try shop.run(["cards", "order"] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(reason), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(shop.outbox().isEmpty, "\(arguments)")
            if arguments.first == "4" {
                #expect((try shop.json(["cards", "list", "4"]) as? [Any])?.isEmpty == true, "\(arguments)")
            }
        }
    }

    @Test func aValidityBeforeTheDispatchDayIsRefused() throws {
        let shop = try LoyaltyShop(config: Self.twoTemplates)
        // Ordered today, dispatched on a later day: a card valid only until today is useless.
        let today = try #require(try shop.json(["cards", "order", "3", "--template", "BASIS"]) as? [String: Any])["order_date"] as? String
        let result = try shop.run(["cards", "order", "4", "--template", "BASIS", "--valid-until", try #require(today)])
        #expect(result.status == 1)
        #expect(result.stderr.contains("before it is dispatched"), "\(result.stderr)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script for a terminal"))
    func theTemplateIsAskedForOnATerminal() throws {
        let shop = try LoyaltyShop(config: Self.twoTemplates)
        let command = "'\(KassaProcess.executable)' cards order 3 --db '\(shop.folder.file("kassa.sqlite"))'"
        let result = try KassaProcess.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], in: shop.folder.path, input: "GOLD\n")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("1) BASIS  4.90 SEK"))
        #expect(result.stdout.contains("2) GOLD  12.50 SEK"))
        #expect(result.stdout.contains("Ordered card ORD-000001 (GOLD, 12.50 SEK) for customer 3"))
    }

    /// Dispatch days for every rhythm across week, month and year ends and holidays.
    @Test(arguments: [
        // daily: the next working day
        ("daily", "2026-12-18", "", "2026-12-21"),                                   // Friday → Monday
        ("daily", "2026-12-20", "", "2026-12-21"),                                   // Sunday → Monday
        ("daily", "2026-12-23", "\"2026-12-24\", \"2026-12-25\"", "2026-12-28"),    // Christmas
        ("daily", "2026-12-31", "\"2027-01-01\"", "2027-01-04"),                    // New Year, over the year end
        ("daily", "2026-04-30", "", "2026-05-01"),                                   // over a month end
        // weekly: the next working day of the following week
        ("weekly", "2026-12-23", "", "2026-12-28"),                                  // Wednesday → next Monday
        ("weekly", "2026-12-27", "", "2026-12-28"),                                  // Sunday still ships the week after
        ("weekly", "2026-12-28", "", "2027-01-04"),                                  // over the year end
        ("weekly", "2026-12-28", "\"2027-01-04\"", "2027-01-05"),                   // that Monday a holiday
        ("weekly", "2026-04-30", "", "2026-05-04"),                                  // over a month end
        // monthly: the first working day of the following month
        ("monthly", "2026-12-15", "", "2027-01-01"),                                 // New Year's Day is a Friday
        ("monthly", "2026-12-15", "\"2027-01-01\"", "2027-01-04"),                  // …unless it is a holiday
        ("monthly", "2026-02-28", "", "2026-03-02"),                                 // 1 March 2026 is a Sunday
        ("monthly", "2026-01-31", "", "2026-02-02"),                                 // 1 February 2026 is a Sunday
        ("monthly", "2028-02-29", "", "2028-03-01"),                                 // leap day
    ])
    func schedule(rhythm: String, from: String, holidays: String, expected: String) throws {
        let shop = try LoyaltyShop(config: "[cards]\nholidays = [\(holidays)]\n")
        let view = try #require(try shop.json(["cards", "schedule", "--from", from, "--rhythm", rhythm]) as? [String: Any])
        #expect(view["dispatch_date"] as? String == expected)
        #expect(view["rhythm"] as? String == rhythm)
    }

    @Test func scheduleTakesTheConfiguredRhythmAndRefusesBadInput() throws {
        let shop = try LoyaltyShop(config: "[cards]\nrhythm = \"monthly\"\n")
        let text = try shop.run(["cards", "schedule", "--from", "2026-12-15"])
        #expect(text.stdout == "2027-01-01 (Friday): monthly dispatch of a card ordered on 2026-12-15.\n")
        // Bad values fail when the command line is parsed (TypedOptionTests has the rest).
        let badDay = try shop.run(["cards", "schedule", "--from", "2026-02-30"])
        #expect(badDay.status == TypedOptionTests.usageStatus)
        #expect(badDay.stderr.hasPrefix("Error: The value '2026-02-30' is invalid for '--from <YYYY-MM-DD>'\n"), "\(badDay.stderr)")
        let badRhythm = try shop.run(["cards", "schedule", "--from", "2026-02-01", "--rhythm", "yearly"])
        #expect(badRhythm.status == TypedOptionTests.usageStatus)
        #expect(badRhythm.stderr.hasPrefix("Error: The value 'yearly' is invalid for '--rhythm <rhythm>'. Please provide one of 'daily', 'weekly' or 'monthly'."),
                "\(badRhythm.stderr)")
    }

    @Test func aLuaScriptOrdersACardAsAStepOfItsOwn() throws {
        let shop = try LoyaltyShop(config: Self.twoTemplates)
        try shop.folder.write("order.lua", """
            local number = ...
            local ok, err = pcall(kassa.cards.order, { number = number })
            print(ok, err)
            local order = kassa.cards.order { number = number, template = "GOLD", comment = "ship to the store" }
            print(order.card_number, order.template, order.cost, order.status, order.comment, #order.locations)
            local c = kassa.customers.get(number)
            print(#c.cards, c.cards[1].number, c.cards[1].ordered_on == order.order_date, c.cards[1].dispatch_on == order.dispatch_date)
            """)
        let result = try shop.run(["run", "--allow", "cards.order", "order.lua", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            false\tkassa.cards.order: There are 2 card templates; choose one of "BASIS", "GOLD" with template = "...".
            ORD-000001\tGOLD\t12.50\tsubmitted\tship to the store\t2
            1\tORD-000001\ttrue\ttrue

            """)
        #expect(shop.outbox().count == 2)

        try shop.folder.write("bad.lua", "local x = 1\nkassa.cards.order { number = '3', template = 'GOLD', valid_until = '2000-01-01' }\n")
        let refused = try shop.run(["run", "--allow", "cards.order", "bad.lua"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("bad.lua:2: kassa.cards.order: The validity date 2000-01-01 is in the past"), "\(refused.stderr)")
        try shop.folder.write("typo.lua", "kassa.cards.order { nummer = '3' }\n")
        #expect(try shop.run(["run", "--allow", "cards.order", "typo.lua"]).stderr.hasPrefix("typo.lua:1: kassa.cards.order: unknown field \"nummer\""))
        #expect(shop.outbox().count == 2)
    }

    /// The `http` order service: a real HTTP server on loopback (Python's http.server, scripted).
    @Test func anHTTPOrderServiceGetsTheOrderAsJSONAndRetriesAServerError() throws {
        let server = try ScriptedHTTPServer(responses: [.json(503, #"{"error": "busy"}"#), .json(201, #"{"id": "K-77"}"#)])
        defer { server.stop() }
        let shop = try LoyaltyShop(config: Self.twoTemplates.replacingOccurrences(of: "provider = \"file\"", with: "provider = \"http\"\nurl = \"\(server.url("/orders"))\""))
        let result = try shop.run(["cards", "order", "4", "--template", "GOLD", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let requests = try server.requests()
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.method == "POST" && $0.path == "/orders" })
        #expect(requests[0].headers["Idempotency-Key"] == requests[1].headers["Idempotency-Key"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(requests[1].body.utf8)) as? [String: Any])
        let orders = try #require(document["orders"] as? [[String: Any]])
        #expect(orders.count == 1)
        #expect(orders[0]["template"] as? String == "GOLD")
        #expect(orders[0]["customer"] as? String == "4" || orders[0]["customer_number"] as? String == "4")

        try server.setResponses([.json(422, #"{"error": "unknown template"}"#)])
        let refused = try shop.run(["cards", "order", "4", "--template", "BASIS"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused the order (422)"))
        #expect(try server.requests().count == 3)
    }

    /// Issue 12, item 7: an order whose answer was lost may exist at the service. It stays
    /// `unknown` (never withdrawn), `kassa cards list` shows it, and `kassa cards retry`
    /// sends the same batch with the same Idempotency-Key.
    @Test func aLostAnswerLeavesTheOrderUnknownAndARetrySendsTheSameBatch() throws {
        let server = try ScriptedHTTPServer(responses: [.init(action: .drop)])
        defer { server.stop() }
        let shop = try LoyaltyShop(config: Self.httpService(server))
        let lost = try shop.run(["cards", "order", "4", "--template", "GOLD"])
        #expect(lost.status == 1)
        #expect(lost.stderr.contains("may have reached the service and is recorded as unknown"), "\(lost.stderr)")
        #expect(lost.stderr.contains("kassa cards retry 4 ORD-000001"), "\(lost.stderr)")
        let sent = try server.requests()
        #expect(sent.count == 3)
        let key = try #require(sent.first?.headers["idempotency-key"])
        #expect(sent.allSatisfy { $0.headers["idempotency-key"] == key && $0.body == sent[0].body })

        let cards = try #require(try shop.json(["cards", "list", "4"]) as? [[String: Any]])
        #expect(cards.map { $0["card_number"] as? String } == ["ORD-000001"])
        #expect(cards.first?["status"] as? String == "unknown")
        let order = try #require(cards.first?["order"] as? [String: Any])
        #expect((order["receipt"] as? [String: Any])?["batch_id"] as? String == key)
        #expect(try shop.run(["cards", "list", "4"]).stdout.hasPrefix("ORD-000001  GOLD  unknown  "))

        try server.setResponses([.json(201, #"{"id": "K-9"}"#)])
        let retried = try shop.run(["cards", "retry", "4", "ORD-000001"])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("The order service took card order ORD-000001 of customer 4 in batch \(key)"))
        let again = try server.requests()
        #expect(again.count == 4)
        #expect(again[3].headers["idempotency-key"] == key)
        #expect(again[3].body == sent[0].body, "the same batch, to the byte")
        let after = try #require(try shop.json(["cards", "list", "4"]) as? [[String: Any]])
        #expect(after.first?["status"] as? String == "submitted")
        #expect(((after.first?["order"] as? [String: Any])?["receipt"] as? [String: Any])?["reference"] as? String == "K-9")

        let notAgain = try shop.run(["cards", "retry", "4", "ORD-000001"])
        #expect(notAgain.status == 1)
        #expect(notAgain.stderr.contains("is submitted; only an order whose outcome is unknown is sent again"), "\(notAgain.stderr)")
        #expect(try shop.run(["cards", "retry", "4", "ORD-000404"]).stderr.contains("has no card order \"ORD-000404\""))
    }

    @Test func aLateAnswerLeavesTheOrderUnknownAndA409OnRetryMeansTheServiceHasIt() throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 201, body: "{}", delay: 2)])
        defer { server.stop() }
        let shop = try LoyaltyShop(config: Self.httpService(server, extra: "timeout = 0.3\n"))
        let late = try shop.run(["cards", "order", "4", "--template", "GOLD"])
        #expect(late.status == 1)
        #expect(late.stderr.contains("did not answer within 0.3 seconds"), "\(late.stderr)")
        #expect(late.stderr.contains("recorded as unknown"), "\(late.stderr)")
        #expect((try shop.json(["cards", "list", "4"]) as? [[String: Any]])?.first?["status"] as? String == "unknown")

        try server.setResponses([.json(409, #"{"error": "an order with this Idempotency-Key exists", "id": "K-1"}"#)])
        let retried = try #require(try shop.json(["cards", "retry", "4", "ORD-000001", "--json"]) as? [String: Any])
        #expect(retried["status"] as? String == "submitted")
        #expect((retried["receipt"] as? [String: Any])?["reference"] as? String == "K-1")
        let requests = try server.requests()
        #expect(Set(requests.map { $0.headers["idempotency-key"] }).count == 1)
        #expect((try shop.json(["cards", "list", "4"]) as? [[String: Any]])?.first?["status"] as? String == "submitted")
    }

    @Test func anOrderThatReachedNoServiceIsWithdrawnAndA409IsTaken() throws {
        let port = try LoopbackPort.free(1)[0]
        let shop = try LoyaltyShop(config: Self.twoTemplates.replacingOccurrences(
            of: "provider = \"file\"", with: "provider = \"http\"\nurl = \"http://127.0.0.1:\(port)/orders\"\nconnect_timeout = 1"))
        let refused = try shop.run(["cards", "order", "4", "--template", "GOLD"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("did not take the order after 3 attempts"), "\(refused.stderr)")
        #expect((try shop.json(["cards", "list", "4"]) as? [Any])?.isEmpty == true)

        let server = try ScriptedHTTPServer(responses: [.json(409, "{}")])
        defer { server.stop() }
        let existing = try LoyaltyShop(config: Self.httpService(server))
        let taken = try existing.run(["cards", "order", "4", "--template", "GOLD"])
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect((try existing.json(["cards", "list", "4"]) as? [[String: Any]])?.first?["status"] as? String == "submitted")
    }

    /// `[cards]` with the http order service at `server`.
    static func httpService(_ server: ScriptedHTTPServer, extra: String = "") -> String {
        twoTemplates.replacingOccurrences(of: "provider = \"file\"",
                                          with: "provider = \"http\"\nurl = \"\(server.url("/orders"))\"\n\(extra)")
    }
}
