import Foundation
import KassaTesting
import Testing

/// `--json` on every command that prints: one encoder for all of them, so keys are
/// snake_case everywhere, a concept has one name, and a missing value is `null`.
@Suite struct JSONOutputTests {
    /// A shop with cheques and card templates, the shipped plugins, and a saved mailing.
    static func shop() throws -> LoyaltyShop {
        let shop = try LoyaltyShop(config: LoyaltyShop.cheques + CardsCommandTests.twoTemplates)
        let created = try shop.run(["mailing", "create", "--channel", "email", "--text", "Hej #FORNAMN#", "--subject", "Poäng",
                                    "--name", "points", "--not-country", "NL"])
        #expect(created.status == 0, "\(created.stderr)")
        return shop
    }

    /// Every printing command with `--json`, in an order that leaves something for the next.
    static let commands: [[String]] = [
        ["select"], ["select", "--count"], ["select", "--ids"],
        ["mark", "3", "6"], ["marks"], ["unmark", "3"], ["marks", "reset"],
        ["plugins"], ["plugins", "check", KassaProcess.repositoryRoot + "/plugins/hello.lua"], ["buttons"], ["press", "Say hello"], ["macro", "#KLUT#"],
        ["sms", "analyze", "Hej då"],
        ["mailing", "list"], ["mailing", "show", "points"], ["mailing", "preview", "points"], ["mailing", "status", "points"],
        ["mailing", "stop", "points"], ["mailing", "edit", "points", "--name", "points2"],
        ["cheques", "preview"], ["cheques", "remaining"], ["cheques", "issue", "--file", "KADO1.CSV", "--yes"], ["cheques", "issued"],
        ["cheques", "mail", "--batch", "1", "--text", "Din check #ATTR.cheque_number#", "--subject", "Check"],
        ["cards", "templates"], ["cards", "order", "4", "--template", "GOLD"], ["cards", "list", "4"],
        ["cards", "attach", "4", "ORD-000001", "--kind", "discount", "--name", "Club", "--percent", "10"],
        ["cards", "schedule", "--from", "2026-12-15"],
        ["customers", "import", "register.csv"],
    ]

    @Test func everyKeyIsSnakeCaseAndAMissingValueIsNull() throws {
        let shop = try Self.shop()
        var documents: [String: Any] = [:]
        for arguments in Self.commands {
            let result = try shop.run(arguments + ["--json", "--plugins", KassaProcess.repositoryRoot + "/plugins"])
            let name = arguments.joined(separator: " ")
            #expect(result.status == 0, "kassa \(name) --json: \(result.stderr)")
            guard result.status == 0 else { continue }
            guard let document = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: .fragmentsAllowed) else {
                Issue.record("kassa \(name) --json printed no JSON: \(result.stdout)")
                continue
            }
            for path in Self.badKeys(in: document) { Issue.record("kassa \(name) --json: key \(path) is not snake_case") }
            documents[name] = document
        }
        // Customer 6 has no e-mail address: the key is there, and null.
        let customers = try #require(documents["select"] as? [[String: Any]])
        let six = try #require(customers.first { $0["number"] as? String == "6" })
        #expect(six.keys.contains("email") && six["email"] is NSNull, "\(six)")
        // Customer attributes are `attrs`, as in Lua; no other name.
        #expect(six["attrs"] is [String: Any] && six["attributes"] == nil, "\(six)")
        // A text mailing has no template: null, not left out.
        let mailing = try #require(documents["mailing show points"] as? [String: Any])
        #expect(mailing.keys.contains("template") && mailing["template"] is NSNull, "\(mailing)")
        // Nobody sends it: the stop names no process.
        let stop = try #require(documents["mailing stop points"] as? [String: Any])
        #expect(stop.keys.contains("sender_process") && stop["sender_process"] is NSNull, "\(stop)")
        // The customer number is `number` wherever it appears.
        let cheques = try #require((documents["cheques preview"] as? [String: Any])?["cheques"] as? [[String: Any]])
        #expect(cheques.map { $0["number"] as? String } == ["3", "4", "5", "7"])
        let issued = try #require(documents["cheques issued"] as? [[String: Any]])
        #expect(issued.map { $0["number"] as? String } == ["3", "4", "5", "7"])
        #expect(issued.allSatisfy { ($0["cheque_number"] as? String)?.isEmpty == false }, "\(issued)")
    }

    /// The paths of object keys that are not snake_case, below `document`. The keys of
    /// `attrs` are the shop's own attribute names, data rather than names of Kassa's.
    static func badKeys(in document: Any, at path: String = "") -> [String] {
        if let array = document as? [Any] {
            return array.enumerated().flatMap { badKeys(in: $0.element, at: "\(path)[\($0.offset)]") }
        }
        guard let object = document as? [String: Any] else { return [] }
        return object.flatMap { key, value -> [String] in
            let here = path.isEmpty ? key : "\(path).\(key)"
            let own = key.range(of: "^[a-z][a-z0-9]*(_[a-z0-9]+)*$", options: .regularExpression) == nil ? [here] : []
            return own + (key == "attrs" ? [] : badKeys(in: value, at: here))
        }
    }

    @Test func selectCombinesJSONWithCountAndIdsAndRefusesCSV() throws {
        let shop = try LoyaltyShop()
        #expect(try shop.json(["select", "--count"]) as? [String: Int] == ["count": 7])
        #expect(try shop.json(["select", "--ids", "--country", "SE"]) as? [String] == ["1", "2", "3", "4", "5", "6", "7"])
        let csv = try shop.run(["select", "--csv", "--json"])
        #expect(csv.status != 0)
        #expect(csv.stderr.contains("--json cannot be combined with --csv"), "\(csv.stderr)")
        #expect(csv.stdout.isEmpty)
    }

    @Test func marksAndMacrosPrintJSON() throws {
        let shop = try LoyaltyShop()
        #expect(try shop.json(["mark", "3", "4"]) as? [String: Int] == ["marked": 2])
        #expect(try shop.json(["unmark", "4"]) as? [String: Int] == ["unmarked": 1])
        #expect(try shop.json(["marks", "reset"]) as? [String: Int] == ["cleared": 1])
        let plugins = ["--plugins", KassaProcess.repositoryRoot + "/plugins"]
        let pressed = try #require(try shop.json(["press", "Say hello"] + plugins) as? [String: Any])
        #expect(pressed["button"] as? String == "Say hello")
        #expect(pressed["macro"] as? String == "##MENU#Hello#¤")
        #expect(pressed["output"] as? [String] == ["Hello from a Lua menu, shop owner!"])
        let macro = try #require(try shop.json(["macro", "#KLUT#"] + plugins) as? [String: Any])
        #expect(macro["button"] is NSNull)
        #expect(macro["output"] as? [String] == ["Cash drawer: open"])
    }

    @Test func versionIsTheCoresRelease() throws {
        let result = try KassaProcess.run(["--version"], in: FileManager.default.currentDirectoryPath)
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+ \(plugin API \d+\)\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }
}
