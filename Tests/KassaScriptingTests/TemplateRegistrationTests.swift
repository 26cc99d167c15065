import KassaCore
import KassaScripting
import KassaTesting
import Testing

/// `kassa.template` from Lua: checked at load, rendered through the mailing composer.
@Suite struct TemplateRegistrationTests {
    static let context = RenderContext(shopName: "Cykelbutiken", today: CalendarDate("2026-11-23")!)

    @Test func aMisspeltPlaceholderStopsThePluginAtLoadWithItsLine() throws {
        let fixture = try PluginFixture(plugins: ["news.lua": """
            kassa.plugin { name = "news", version = "1.0.0" }
            kassa.template {
              name = "spring", channel = "sms",
              text = "Hej #FORNAMN#!\\nDu har #POANGG# poäng",
            }
            """])
        let error = try #require(fixture.record("news")?.error)
        #expect(error.code == .invalidDefinition)
        #expect(error.location?.line == 2)
        #expect(error.description.contains("news.lua:2:"))
        #expect(error.message.contains("unknown placeholder #POANGG#"))
        #expect(error.message.contains("Did you mean #POANG#?"))
        #expect(error.message.contains("line 2"))
        #expect(fixture.host.registry.templates["spring"] == nil)
    }

    @Test func aRenderFunctionAndTextTogetherAreRefused() throws {
        let fixture = try PluginFixture(plugins: ["both.lua": """
            kassa.template { name = "x", channel = "sms", text = "Hej", render = function(c) return "Hej" end }
            """])
        let error = try #require(fixture.record("both")?.error)
        #expect(error.message == "kassa.template \"x\" has a render function and text or html: give one or the other")
    }

    @Test func placeholderTemplatesUseTheirFallbacksAndLuaTemplatesRenderPerCustomer() throws {
        let fixture = try PluginFixture(plugins: ["greetings.lua": """
            kassa.template { name = "hello", channel = "sms", text = "Hej #FORNAMN#, #POANG# poäng", fallbacks = { FORNAMN = "kund" } }
            kassa.template {
              name = "points", channel = "email", subject = "Poäng hos #BUTIK#",
              render = function(c, ctx)
                return { text = (c.first_name or c.company) .. " har " .. c.points .. " poäng hos " .. ctx.shop .. " (" .. ctx.today .. ")" }
              end,
            }
            kassa.template { name = "broken", channel = "sms", render = function(c) return c.points .. nil end }
            """])
        #expect(fixture.record("greetings")?.error == nil)
        let registry = fixture.host.registry
        let hello = try MailingComposer(channel: .sms, content: MailingContent(template: "hello"), registry: registry, context: Self.context)
        #expect(try Customers.sample.map { try hello.compose($0).text } == ["Hej Åsa, 1200 poäng", "Hej Jürgen, 80 poäng", "Hej kund, 600 poäng"])

        let points = try MailingComposer(channel: .email, content: MailingContent(template: "points"), registry: registry, context: Self.context)
        let message = try points.compose(Customers.sample[2])
        #expect(message.text == "Fietsen BV har 600 poäng hos Cykelbutiken (2026-11-23)")
        #expect(message.subject == "Poäng hos Cykelbutiken")

        let broken = try MailingComposer(channel: .sms, content: MailingContent(template: "broken"), registry: registry, context: Self.context)
        let error = try #require(throws: (any Error).self) { try broken.compose(Customers.sample[0]) }
        #expect("\(error)".contains("Template \"broken\" failed for customer 1001"))
        #expect("\(error)".contains("greetings.lua:8"))
        // The host goes on after a failed render.
        #expect(try hello.compose(Customers.sample[0]).text == "Hej Åsa, 1200 poäng")
    }
}
