import KassaCore
import KassaScripting
import KassaTesting
import Testing

/// What filters and templates return is checked, and `c:has` tells the truth for lists.
@Suite struct ScriptResultTests {
    static func verdicts(_ match: String, customers: [Customer] = Customers.sample) throws -> [Bool] {
        let fixture = try PluginFixture(plugins: ["f.lua": "kassa.filter { name = 'probe', match = function(c)\n\(match)\nend }"])
        return try fixture.host.registry.filter(named: "probe").implementation.matches(customers, parameters: [:])
    }

    @Test(arguments: [("return c.points", "a number"), ("return c.first_name or ''", "a string"), ("return c.vehicles", "a table"),
                      ("return 0", "a number")])
    func aFilterReturningAnythingButABooleanFails(match: String, type: String) throws {
        let error = try #require(throws: ScriptError.self) { try Self.verdicts(match) }
        #expect(error.code == .filterFailed)
        #expect(error.message.hasPrefix("Filter \"probe\" failed on customer 1001: "), "\(error.message)")
        #expect(error.message.contains("f.lua:1: the filter returned \(type), not true or false"), "\(error.message)")
    }

    @Test func nilCountsAsFalse() throws {
        #expect(try Self.verdicts("if c.points > 100 then return true end") == [true, false, true])
        #expect(try Self.verdicts("return c.email and c.newsletter") == [true, false, false])
    }

    @Test func hasIsTrueForAListOnlyWhenItHasEntries() throws {
        var customers = Customers.sample
        customers[1].contactEmails = ["inkop@example.de"]
        customers[2].cards = [CustomerCard(number: "C-1", status: "active")]
        #expect(try Self.verdicts("return c:has('vehicles')", customers: customers) == [true, true, false])
        #expect(try Self.verdicts("return c:has('contact_emails')", customers: customers) == [false, true, false])
        #expect(try Self.verdicts("return c:has('cards')", customers: customers) == [false, false, true])
        #expect(try Self.verdicts("return c:has('attrs')", customers: customers) == [true, false, false])
        #expect(try Self.verdicts("return c:has('email')", customers: customers) == [true, false, false])
        #expect(try Self.verdicts("return c:has('points')", customers: customers) == [true, true, true])
    }

    @Test func aLuaTemplateWritingAPlaceholderFailsThatCustomerNamingTheToken() throws {
        let fixture = try PluginFixture(plugins: ["t.lua": """
            kassa.template { name = 'lazy', channel = 'email', render = function(c)
              if c.number == '1003' then return { subject = 'Hej', text = 'Hej ' .. c.company } end
              return { subject = 'Hej #fornamn|kund#', text = 'Hej #FORNAMN#, ordernr #123 och ## och <b>fett</b>' }
            end }
            kassa.template { name = 'doc', channel = 'email', render = function(c) return 'Faktura <NUMFACT>' end }
            kassa.template { name = 'hashtags', channel = 'sms', render = function(c) return 'Följ #cykelbutiken och #Sale# ## #1' end }
            """])
        let lazy = try #require(try fixture.host.registry.template(named: "lazy").renderer)
        let error = try #require(throws: ScriptError.self) { try lazy.render(Customers.sample[0], context: [:]) }
        #expect(error.code == .templateFailed)
        #expect(error.message == "Template \"lazy\" failed for customer 1001: its subject contains the placeholder #fornamn|kund#, which a render function does not fill in (nothing is sent with a literal placeholder); write the value in Lua, e.g. c.first_name",
                "\(error.message)")
        // The other customers are not affected.
        #expect(try lazy.render(Customers.sample[2], context: [:]) == RenderedMessage(text: "Hej Fietsen BV", subject: "Hej"))

        let document = try #require(try fixture.host.registry.template(named: "doc").renderer)
        let documentError = try #require(throws: ScriptError.self) { try document.render(Customers.sample[0], context: [:]) }
        #expect(documentError.message.contains("its text contains the placeholder <NUMFACT>"), "\(documentError.message)")

        // Text that only looks a little like a placeholder goes out as written.
        let hashtags = try #require(try fixture.host.registry.template(named: "hashtags").renderer)
        #expect(try hashtags.render(Customers.sample[0], context: [:]).text == "Följ #cykelbutiken och #Sale# ## #1")
    }
}
