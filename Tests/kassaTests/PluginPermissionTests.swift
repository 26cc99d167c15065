import Foundation
import KassaTesting
import Testing

/// Effects outside the script need the permission in the plugin's manifest and the shop's
/// grant in `kassa.toml`; loading, filters and templates never have effects.
@Suite struct PluginPermissionTests {
    static let cards = CardsCommandTests.twoTemplates

    /// A menu that orders a GOLD card for `--param number=N`, with the permissions given.
    static func orderingMenu(permissions: String) -> String {
        """
        kassa.plugin { name = "orderer", version = "1.0.0", permissions = \(permissions) }
        kassa.menu {
          name = "OrderGold",
          run = function(ctx)
            local order = kassa.cards.order { number = ctx.params.number, template = "GOLD" }
            ctx.say("ordered " .. order.card_number)
          end,
        }
        """
    }

    static let grant = "\n[plugins.orderer]\nallow = [\"cards.order\"]\n"

    /// Nothing was ordered: no card on any customer and no order file.
    static func expectNoOrder(_ shop: LoyaltyShop, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(shop.outbox().isEmpty, "order files: \(shop.outbox())", sourceLocation: sourceLocation)
        for number in ["3", "4"] {
            let cards = try #require(try shop.json(["cards", "list", number]) as? [Any], sourceLocation: sourceLocation)
            #expect(cards.isEmpty, "customer \(number) has cards", sourceLocation: sourceLocation)
        }
    }

    @Test func loadingAPluginNeverOrdersACardWhateverItIsGranted() throws {
        let shop = try LoyaltyShop(config: Self.cards + "\n[plugins.eager]\nallow = [\"cards.order\"]\n")
        try shop.folder.write("plugins/eager.lua", """
            kassa.plugin { name = "eager", version = "1.0.0", permissions = { "cards.order" } }
            kassa.cards.order { number = "4", template = "GOLD" }
            """)
        // A plugin that catches the refusal still does not load: it tried to have an effect.
        try shop.folder.write("plugins/sly.lua", """
            kassa.plugin { name = "sly", version = "1.0.0" }
            pcall(kassa.cards.order, { number = "3", template = "GOLD" })
            kassa.filter { name = "sly_all", match = function(c) return true end }
            """)
        for _ in 0..<2 {
            let listed = try shop.run(["plugins", "--json"])
            #expect(listed.status == 0, "\(listed.stderr)")
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            let eager = try #require(entries.first { $0["name"] as? String == "eager" })
            #expect(eager["status"] as? String == "failed")
            let error = try #require(eager["error"] as? String)
            #expect(error.hasPrefix("plugins/eager.lua:2: "), "\(error)")
            #expect(error.contains("plugin \"eager\" may not call kassa.cards.order while it loads"), "\(error)")
            let sly = try #require(entries.first { $0["name"] as? String == "sly" })
            #expect(sly["status"] as? String == "failed")
            #expect((sly["error"] as? String)?.contains("plugin \"sly\" may not call kassa.cards.order while it loads") == true)
        }
        try Self.expectNoOrder(shop)
    }

    @Test func aMenuOrdersOnlyWithThePermissionInItsManifestAndTheShopsGrant() throws {
        // Neither: refused, naming both halves.
        let neither = try LoyaltyShop(config: Self.cards)
        try neither.folder.write("plugins/orderer.lua", Self.orderingMenu(permissions: "{}"))
        let refused = try neither.run(["macro", "##MENU#OrderGold#¤", "--param", "number=4"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("plugins/orderer.lua:5: plugin \"orderer\" may not call kassa.cards.order"), "\(refused.stderr)")
        #expect(refused.stderr.contains(#"permissions = { "cards.order" }"#), "\(refused.stderr)")
        #expect(refused.stderr.contains(#"allow = ["cards.order"] under [plugins.orderer] in kassa.toml"#), "\(refused.stderr)")
        try Self.expectNoOrder(neither)

        // The manifest asks, the shop has not granted it.
        let asked = try LoyaltyShop(config: Self.cards)
        try asked.folder.write("plugins/orderer.lua", Self.orderingMenu(permissions: #"{ "cards.order" }"#))
        let ungranted = try asked.run(["macro", "##MENU#OrderGold#¤", "--param", "number=4"])
        #expect(ungranted.status == 1)
        #expect(ungranted.stderr.contains(#"the shop's grant: allow = ["cards.order"] under [plugins.orderer] in kassa.toml"#), "\(ungranted.stderr)")
        #expect(!ungranted.stderr.contains("in its manifest"), "\(ungranted.stderr)")
        try Self.expectNoOrder(asked)

        // The shop grants what the manifest does not ask for.
        let granted = try LoyaltyShop(config: Self.cards + Self.grant)
        try granted.folder.write("plugins/orderer.lua", Self.orderingMenu(permissions: "{}"))
        let unasked = try granted.run(["macro", "##MENU#OrderGold#¤", "--param", "number=4"])
        #expect(unasked.status == 1)
        #expect(unasked.stderr.contains(#"the permission "cards.order" in its manifest"#), "\(unasked.stderr)")
        #expect(!unasked.stderr.contains("under [plugins.orderer]"), "\(unasked.stderr)")
        try Self.expectNoOrder(granted)

        // Both: the menu orders.
        let both = try LoyaltyShop(config: Self.cards + Self.grant)
        try both.folder.write("plugins/orderer.lua", Self.orderingMenu(permissions: #"{ "cards.order" }"#))
        let ordered = try both.run(["macro", "##MENU#OrderGold#¤", "--param", "number=4"])
        #expect(ordered.status == 0, "\(ordered.stderr)")
        #expect(ordered.stdout == "ordered ORD-000001\n")
        let cards = try #require(try both.json(["cards", "list", "4"]) as? [[String: Any]])
        #expect(cards.map { $0["card_number"] as? String } == ["ORD-000001"])
        #expect(both.outbox().count == 2)
        // `kassa plugins` shows what was asked for and what was granted.
        let listed = try both.run(["plugins"])
        #expect(listed.stdout.contains("  permissions: cards.order (granted)"), "\(listed.stdout)")
    }

    @Test func filtersAndTemplatesAreReadOnlyWhateverTheyAreGranted() throws {
        let shop = try LoyaltyShop(config: Self.cards + Self.grant)
        try shop.folder.write("plugins/orderer.lua", """
            kassa.plugin { name = "orderer", version = "1.0.0", permissions = { "cards.order" } }
            kassa.filter {
              name = "greedy",
              match = function(c)
                kassa.cards.order { number = c.number, template = "GOLD" }
                return true
              end,
            }
            kassa.template {
              name = "greedy_note",
              channel = "email",
              render = function(c)
                kassa.cards.order { number = c.number, template = "GOLD" }
                return { subject = "Hej", text = "Hej" }
              end,
            }
            """)
        let selected = try shop.run(["select", "--filter", "greedy", "--count"])
        #expect(selected.status == 1)
        #expect(selected.stderr.contains("plugins/orderer.lua:5: plugin \"orderer\" may not call kassa.cards.order in the filter \"greedy\": filters and templates are read-only"), "\(selected.stderr)")

        let created = try shop.run(["mailing", "create", "--channel", "email", "--template", "greedy_note", "--purpose", "transactional", "--has", "email"])
        #expect(created.status == 0, "\(created.stderr)")
        let preview = try shop.run(["mailing", "preview", "1"])
        #expect(preview.stdout.contains("may not call kassa.cards.order in the template \"greedy_note\""), "\(preview.stdout)\(preview.stderr)")
        try Self.expectNoOrder(shop)
    }

    @Test func aScriptRunFromTheCommandLineHasEffectsOnlyWhenTheRunAllowsThem() throws {
        let shop = try LoyaltyShop(config: Self.cards)
        try shop.folder.write("order.lua", """
            local order = kassa.cards.order { number = ..., template = "GOLD" }
            print(order.card_number)
            """)
        let refused = try shop.run(["run", "order.lua", "4"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "order.lua:1: the script \"order.lua\" may not call kassa.cards.order: run it with kassa run --allow cards.order\n",
                "\(refused.stderr)")
        try Self.expectNoOrder(shop)

        let allowed = try shop.run(["run", "--allow", "cards.order", "order.lua", "4"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout == "ORD-000001\n")

        let unknown = try shop.run(["run", "--allow", "cards.ordr", "order.lua", "4"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("\"cards.ordr\" is not a permission (known: cards.order)"), "\(unknown.stderr)")
    }

    @Test func unknownPermissionsAreNamed() throws {
        let shop = try LoyaltyShop(config: Self.cards + "\n[plugins.orderer]\nallow = [\"cards.ordr\"]\n")
        try shop.folder.write("plugins/orderer.lua", Self.orderingMenu(permissions: #"{ "sms.send" }"#))
        let listed = try shop.run(["plugins"])
        let allowLine = try #require(try shop.text("kassa.toml").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("allow") }) + 1
        #expect(listed.stderr.contains(#"kassa.toml:\#(allowLine): [plugins.orderer] allow names "cards.ordr", which is not a permission (known: cards.order); it is ignored"#),
                "\(listed.stderr)")
        #expect(listed.stdout.contains("orderer   failed  plugins/orderer.lua"), "\(listed.stdout)")
        #expect(listed.stdout.contains(#"plugins/orderer.lua:1: kassa.plugin: "sms.send" is not a permission this Kassa knows (known: cards.order)"#),
                "\(listed.stdout)")
    }
}
