import Foundation
import KassaTesting
import Testing

/// Nothing is paid, priced or sent on settings Kassa made up: without them the command
/// refuses, names the keys to set, and changes nothing.
@Suite struct RequiredSettingsTests {
    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    // MARK: Cheques

    @Test func chequesWithoutSettingsAreRefusedAndPayNothing() throws {
        let shop = try LoyaltyShop(config: "", shop: "")
        #expect(!FileManager.default.fileExists(atPath: shop.folder.file("kassa.toml")))
        for arguments in [["cheques", "preview"], ["cheques", "issue", "--file", "KADO1125.CSV", "--yes"], ["cheques", "remaining"]] {
            let result = try shop.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            for key in ["[shop] currency", "[shop] country", "[cheques] points_per_cheque", "cheque_value"] {
                #expect(result.stderr.contains(key), "\(arguments): \(result.stderr)")
            }
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try shop.points() == ChequesCommandTests.original)
        #expect(shop.outbox().isEmpty)
    }

    @Test func aPartialChequeSetupNamesOnlyWhatIsMissing() throws {
        let shop = try LoyaltyShop(config: "[cheques]\npoints_per_cheque = 500\n")
        let result = try shop.run(["cheques", "issue", "--file", "KADO.CSV", "--yes"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cheque_value"), "\(result.stderr)")
        #expect(!result.stderr.contains("points_per_cheque"), "\(result.stderr)")
        #expect(!result.stderr.contains("[shop]"), "\(result.stderr)")
        #expect(try shop.points() == ChequesCommandTests.original)
    }

    @Test func issuingWithoutATerminalNeedsYes() throws {
        let shop = try LoyaltyShop()
        let refused = try shop.run(["cheques", "issue", "--file", "KADO.CSV"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("4 cheques worth 1025.00 SEK in total"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--yes"), "\(refused.stderr)")
        #expect(try shop.points() == ChequesCommandTests.original)
        #expect(shop.outbox().isEmpty)

        let paid = try shop.run(["cheques", "issue", "--file", "KADO.CSV", "--yes"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout.contains("Paid out 4 cheques worth 1025.00 SEK in total"), "\(paid.stdout)")
        #expect(try shop.points()["5"] == 0)
    }

    @Test(.enabled(if: Self.hasScript, "needs util-linux script for a terminal"))
    func issuingAsksOnATerminalAndPaysOnlyOnYes() throws {
        let shop = try LoyaltyShop()
        let command = "'\(KassaProcess.executable)' cheques issue --file KADO.CSV --db '\(shop.folder.file("kassa.sqlite"))'"
        let declined = try KassaProcess.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], in: shop.folder.path, input: "n\n")
        #expect(declined.stdout.contains("4 cheques worth 1025.00 SEK in total"), "\(declined.stdout)")
        #expect(declined.stdout.contains("Nothing was paid out"), "\(declined.stdout)")
        #expect(try shop.points() == ChequesCommandTests.original)

        let accepted = try KassaProcess.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], in: shop.folder.path, input: "y\n")
        #expect(accepted.status == 0, "\(accepted.stdout)")
        #expect(accepted.stdout.contains("Paid out 4 cheques worth 1025.00 SEK"), "\(accepted.stdout)")
        #expect(try shop.points()["4"] == 250)
    }

    @Test func chequesGoOnlyToCustomersOfTheShopsCountry() throws {
        let register = LoyaltyShop.register.trimmingCharacters(in: .newlines) + """

            8,Jean,Dupont,,no,jean@example.fr,Rue 8,75001,Paris,FR,800
            9,Jana,Schmidt,,no,jana@example.de,Straße 9,10115,Berlin,DE,1200

            """
        let shop = try LoyaltyShop(register: register)
        let preview = try #require(try shop.json(["cheques", "preview"]) as? [String: Any])
        let entries = try #require(preview["cheques"] as? [[String: Any]])
        #expect(entries.map { $0["number"] as? String } == ["3", "4", "5", "7"])
        #expect(preview["other_country"] as? [String] == ["8", "9"])
        let text = try shop.run(["cheques", "preview"])
        #expect(text.stderr.contains("2 customers outside SE"), "\(text.stderr)")

        #expect(try shop.run(["cheques", "issue", "--file", "KADO.CSV", "--yes"]).status == 0)
        let points = try shop.points()
        #expect(points["8"] == 800)
        #expect(points["9"] == 1200)
        #expect(try shop.text("outbox/KADO.CSV").contains("example.fr") == false)
        let remaining = try #require(try shop.json(["cheques", "remaining"]) as? [[String: Any]])
        #expect(remaining.map { $0["number"] as? String } == ["6"])
    }

    @Test func everyAmountCarriesTheShopsCurrency() throws {
        let shop = try LoyaltyShop(shop: LoyaltyShop.shopSettings.replacingOccurrences(of: "\"SEK\"", with: "\"EUR\""))
        let preview = try #require(try shop.json(["cheques", "preview"]) as? [String: Any])
        #expect(preview["currency"] as? String == "EUR")
        let text = try shop.run(["cheques", "preview"])
        #expect(text.stdout.contains("1 × 5.00 EUR = 5.00 EUR"), "\(text.stdout)")
        #expect(text.stderr.contains("1025.00 EUR"), "\(text.stderr)")
        #expect(!(text.stdout + text.stderr).contains("SEK"))
        let remaining = try #require(try shop.json(["cheques", "remaining"]) as? [[String: Any]])
        #expect(!remaining.isEmpty && remaining.allSatisfy { $0["currency"] as? String == "EUR" })
        let csv = try shop.run(["cheques", "remaining", "--csv"])
        #expect(csv.stdout.hasPrefix("customer_number,name,street,postal_code,city,country,email,points,cheques,value,currency,leftover_points,reason\r\n"))
        let issue = try #require(try shop.json(["cheques", "issue", "--file", "KADO.CSV", "--yes"]) as? [String: Any])
        #expect(issue["currency"] as? String == "EUR")
        let issued = try shop.run(["cheques", "issued"])
        #expect(issued.stdout.contains("1000.00 EUR"), "\(issued.stdout)")
    }

    // MARK: Cards

    @Test func cardsWithoutTemplatesOrCurrencyAreRefused() throws {
        let bare = try LoyaltyShop(config: "", shop: "")
        let templates = try bare.run(["cards", "templates"])
        #expect(templates.status == 1)
        #expect(templates.stdout.isEmpty, "\(templates.stdout)")
        #expect(templates.stderr.contains("[[cards.templates]]"), "\(templates.stderr)")
        let order = try bare.run(["cards", "order", "3"])
        #expect(order.status == 1)
        #expect(order.stderr.contains("[[cards.templates]]") || order.stderr.contains("[shop] currency"), "\(order.stderr)")
        #expect(bare.outbox().isEmpty)

        let noCurrency = try LoyaltyShop(config: CardsCommandTests.twoTemplates, shop: "")
        for arguments in [["cards", "templates"], ["cards", "order", "3", "--template", "GOLD"]] {
            let result = try noCurrency.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("[shop] currency"), "\(arguments): \(result.stderr)")
        }
        #expect(noCurrency.outbox().isEmpty)
    }

    // MARK: Sending

    /// A register of demo customers in a folder whose `kassa.toml` is `config` (none when nil).
    static func register(config: String?) throws -> TemporaryDirectory {
        let folder = try RegisterCommandTests.seeded(300)
        try? FileManager.default.removeItem(atPath: folder.file("kassa.toml"))
        if let config { try folder.write("kassa.toml", config) }
        return folder
    }

    @Test func sendingNeedsTheShopsNameAndASenderAndSaysWhichKeys() throws {
        let folder = try Self.register(config: nil)
        let email = try RegisterCommandTests.kassa(["mailing", "create", "--channel", "email", "--purpose", "transactional", "--has", "email",
                                                    "--subject", "Hej", "--text", "Välkommen till #BUTIK#!"], in: folder)
        #expect(email.status == 0, "\(email.stderr)")
        let sms = try RegisterCommandTests.kassa(["mailing", "create", "--channel", "sms", "--purpose", "transactional", "--has", "mobile",
                                                  "--text", "Välkommen till #BUTIK#!"], in: folder)
        #expect(sms.status == 0, "\(sms.stderr)")

        // A preview shows what to set in the shop's name's place.
        let preview = try RegisterCommandTests.kassa(["mailing", "preview", "1"], in: folder)
        #expect(preview.stdout.contains("Välkommen till [shop] name!"), "\(preview.stdout)")
        #expect(!preview.stdout.contains("Välkommen till Kassa"))

        for (arguments, keys) in [(["mailing", "send", "1"], ["[shop] name", "[smtp] from"]),
                                  (["mailing", "test", "1", "--customer", "100002"], ["[shop] name", "[smtp] from"]),
                                  (["mailing", "send", "2"], ["[shop] name", "[sms] sender"])] {
            let result = try RegisterCommandTests.kassa(arguments, in: folder)
            #expect(result.status == 1, "\(arguments)")
            for key in keys { #expect(result.stderr.contains(key), "\(arguments): \(result.stderr)") }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("outbox")))
        #expect(try RegisterCommandTests.kassa(["mailing", "status", "1"], in: folder).stdout.contains("0 sent"))

        // Only what is missing is named.
        try folder.write("kassa.toml", "[shop]\nname = \"Cykelbutiken\"\n")
        let named = try RegisterCommandTests.kassa(["mailing", "send", "1"], in: folder)
        #expect(named.status == 1)
        #expect(named.stderr.contains("[smtp] from") && !named.stderr.contains("[shop] name"), "\(named.stderr)")

        try folder.write("kassa.toml", "[shop]\nname = \"Cykelbutiken\"\n\n[smtp]\nfrom = \"Cykelbutiken <info@cykel.example>\"\n")
        let sent = try RegisterCommandTests.kassa(["mailing", "send", "1"], in: folder)
        #expect(sent.status == 0, "\(sent.stderr)")
        let message = try String(contentsOfFile: try MailingSendCommandTests.outboxFile(of: "100001", in: folder), encoding: .utf8)
        #expect(message.contains("From: Cykelbutiken <info@cykel.example>"), "\(message)")
        #expect(!message.contains("example.invalid"))
    }

    // MARK: The register

    @Test func aCommandWithoutARegisterSaysSoAndCreatesNothing() throws {
        let folder = TemporaryDirectory()
        let commands: [[String]] = [["select", "--count"], ["customers", "export"], ["marks"], ["mark", "1"], ["cheques", "issued"],
                                    ["mailing", "list"], ["cards", "list", "1"]]
        for arguments in commands {
            let result = try KassaProcess.run(arguments, in: folder.path)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
            #expect(result.stderr == """
                kassa: No register at ./kassa.sqlite. Create one with `kassa customers import FILE` or `kassa demo seed --customers N` \
                (or point --db / KASSA_DB at one).

                """, "\(arguments)")
        }
        let elsewhere = try KassaProcess.run(["select", "--count", "--db", "shop/register.sqlite"], in: folder.path)
        #expect(elsewhere.stderr.hasPrefix("kassa: No register at shop/register.sqlite."), "\(elsewhere.stderr)")
        let fromEnvironment = try KassaProcess.run(["select", "--count"], in: folder.path, environment: ["KASSA_DB": "env.sqlite"])
        #expect(fromEnvironment.stderr.hasPrefix("kassa: No register at env.sqlite."), "\(fromEnvironment.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

        // Creating stays explicit.
        try folder.write("register.csv", "number,first_name,country\n1,Åsa,SE\n")
        let imported = try KassaProcess.run(["customers", "import", "register.csv"], in: folder.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try KassaProcess.run(["select", "--count"], in: folder.path).stdout == "1\n")
        let seeded = try KassaProcess.run(["demo", "seed", "--customers", "5", "--db", "demo.sqlite"], in: folder.path)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("demo.sqlite")))
    }
}
