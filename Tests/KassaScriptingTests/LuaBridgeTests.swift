import Foundation
import KassaCore
import KassaScripting
import Lua
import Testing

@Suite struct LuaBridgeTests {
    @Test func aLuaFilterSeesEveryCustomerFieldThroughTheProxy() throws {
        let fixture = try PluginFixture(plugins: ["f.lua": """
            kassa.filter { name = 'volvo', params = { brand = 'string', since = 'date', min = 'integer' },
              match = function(c, p)
                return c:owns(p.brand) and c.last_visit < p.since and c.points >= p.min
                   and c.first_name == 'Åsa' and c.vehicles[1].plate == 'ABC123' and c.attrs.shoe_size == '38'
                   and c:attr('missing', 'x') == 'x' and c:has('email') and not c.is_company and c.newsletter
              end }
            """])
        let filter = try fixture.host.registry.filter(named: "volvo")
        let parameters = try filter.parameters.parse(["brand": "volvo", "since": "2026-03-01", "min": "1000"], owner: "filter volvo")
        #expect(try filter.implementation.matches(Customers.sample, parameters: parameters) == [true, false, false])
    }

    /// The first batches lay out nothing (no script has read a field yet): every field comes
    /// from the resolver. Later ones lay out what was read. Both must show the same values.
    @Test func fieldsReadTheSameWhetherLaidOutOrResolved() throws {
        let fixture = try PluginFixture(plugins: ["f.lua": """
            local seen = {}
            kassa.filter { name = 'describe', match = function(c)
              local parts = {}
              for _, field in ipairs({ 'number', 'first_name', 'last_name', 'company', 'is_company', 'email', 'billing_email',
                  'mobile', 'street', 'postal_code', 'city', 'country', 'family', 'type', 'category', 'points',
                  'turnover_group', 'newsletter', 'newsletter_at', 'receives_status_mails', 'last_visit' }) do
                parts[#parts + 1] = field .. '=' .. tostring(c[field])
              end
              local text = table.concat(parts, ';')
              if seen[c.number] == nil then seen[c.number] = text return true end
              return seen[c.number] == text
            end }
            """])
        let filter = try fixture.host.registry.filter(named: "describe")
        let parameters = try filter.parameters.parse([:], owner: "filter describe")
        for _ in 0..<3 {
            #expect(try filter.implementation.matches(Customers.sample, parameters: parameters) == [true, true, true])
        }
    }

    @Test func cardsShowTheirOrderDetailsAndProgrammes() throws {
        let fixture = try PluginFixture(plugins: ["f.lua": """
            kassa.filter { name = 'cards', match = function(c)
              local card = c.cards[1]
              if card == nil then return #c.cards == 0 end
              local p = card.programmes
              return card.number == 'ORD-000001' and card.template == 'GOLD' and card.status == 'submitted'
                 and card.ordered_on == '2026-11-30' and card.dispatch_on == '2026-12-01' and card.cost == '4.90'
                 and card.valid_until == nil and #p == 2 and p[1].kind == 'discount' and p[1].percent == 10
                 and p[1].amount == nil and p[2].kind == 'voucher' and p[2].amount == '5.00' and p[2].details == 'Welcome!'
                 and #c.cards[2].programmes == 0 and c.cards[2].ordered_on == nil
            end }
            """])
        var customers = Customers.sample
        customers[0].cards = [
            CustomerCard(number: "ORD-000001", template: "GOLD", status: "submitted", orderedOn: CalendarDate("2026-11-30"),
                         dispatchOn: CalendarDate("2026-12-01"), cost: Money(minorUnits: 490),
                         programmes: [try LoyaltyProgramme(kind: .discount, name: "Club", percent: 10),
                                      try LoyaltyProgramme(kind: .voucher, name: "Start", details: "Welcome!", amount: Money(minorUnits: 500))]),
            CustomerCard(number: "2990001"),
        ]
        let filter = try fixture.host.registry.filter(named: "cards")
        #expect(try filter.implementation.matches(customers, parameters: [:]) == [true, true, true])
    }

    @Test func aFilterErrorNamesTheFilterTheCustomerAndTheLine() throws {
        let fixture = try PluginFixture(plugins: ["f.lua": """
            kassa.filter { name = 'fragile', match = function(c)
              return c.vehicles[1].brand == 'Volvo'
            end }
            """])
        let filter = try fixture.host.registry.filter(named: "fragile")
        do {
            _ = try filter.implementation.matches(Customers.sample, parameters: [:])
            Issue.record("expected the filter to fail on the customer without vehicles")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("Filter \"fragile\" failed on customer 1003"), "\(text)")
            #expect(text.contains("f.lua:2:"), "\(text)")
        }
    }

    @Test func aTypoInAFieldNameIsAnErrorNotNil() throws {
        let fixture = try PluginFixture(plugins: ["f.lua": "kassa.filter { name = 'typo', match = function(c) return c.frist_name end }"])
        let error = #expect(throws: (any Error).self) {
            try fixture.host.registry.filter(named: "typo").implementation.matches(Customers.sample, parameters: [:])
        }
        #expect(String(describing: error!).contains("a customer has no field 'frist_name'"))
    }

    @Test func customersAreReadOnly() throws {
        let fixture = try PluginFixture(plugins: ["f.lua": "kassa.filter { name = 'write', match = function(c) c.points = 1e9 return true end }"])
        let error = #expect(throws: (any Error).self) {
            try fixture.host.registry.filter(named: "write").implementation.matches(Customers.sample, parameters: [:])
        }
        #expect(String(describing: error!).contains("a customer record is read-only"))
    }

    @Test func aProxyKeptPastItsCallRaisesInsteadOfReadingStaleData() throws {
        let fixture = try PluginFixture(plugins: ["f.lua": """
            local kept
            kassa.filter { name = 'keep', match = function(c)
              if kept == nil then kept = c end
              return kept.number == c.number
            end }
            """])
        let filter = try fixture.host.registry.filter(named: "keep").implementation
        #expect(try filter.matches([Customers.sample[0]], parameters: [:]) == [true])
        let error = #expect(throws: (any Error).self) { try filter.matches([Customers.sample[1]], parameters: [:]) }
        #expect(String(describing: error!).contains("this customer record is no longer valid"))
    }

    @Test func aFilterThatLoopsForeverEndsWithTheTimeLimitAndTheHostGoesOn() throws {
        let fixture = try PluginFixture(plugins: ["f.lua": """
            kassa.filter { name = 'loop', match = function(c) while true do end end }
            kassa.filter { name = 'ok', match = function(c) return c.points > 100 end }
            """])
        let error = #expect(throws: (any Error).self) {
            try fixture.host.registry.filter(named: "loop").implementation.matches(Customers.sample, parameters: [:])
        }
        #expect(String(describing: error!).contains("time limit of 0.5 s exceeded"))
        #expect(try fixture.host.registry.filter(named: "ok").implementation.matches(Customers.sample, parameters: [:]) == [true, false, true])
    }

    @Test func menusAndFunctionsRunWithTheirContext() async throws {
        let fixture = try PluginFixture(plugins: ["m.lua": """
            kassa.menu { name = 'Greet', run = function(ctx) ctx.say('Hej ' .. ctx.params.name, 2) end }
            kassa.func { code = 'FAIL', run = function(ctx) error('drawer jammed') end }
            """])
        var said: [String] = []
        let context = ActionContext(parameters: ["name": "Åsa"], logger: fixture.log.logger) { said.append($0) }
        try await fixture.host.registry.menu(named: "Greet").implementation.run(context)
        #expect(said == ["Hej Åsa\t2"])
        let error = await #expect(throws: (any Error).self) { try await fixture.host.registry.function(code: "FAIL").implementation.run(context) }
        #expect(String(describing: error!).contains("m.lua:2: drawer jammed"))
    }

    @Test func renderFunctionsProduceMessages() throws {
        let fixture = try PluginFixture(plugins: ["t.lua": """
            kassa.template { name = 'points', channel = 'email', render = function(c, ctx)
              return { subject = 'Poäng', text = c.first_name .. ' har ' .. c.points .. ' poäng (' .. ctx.shop .. ')' }
            end }
            """])
        let renderer = try #require(try fixture.host.registry.template(named: "points").renderer)
        let message = try renderer.render(Customers.sample[0], context: ["shop": "Cykelbutiken"])
        #expect(message == RenderedMessage(text: "Åsa har 1200 poäng (Cykelbutiken)", subject: "Poäng"))
    }

    @Test func eventsReachTheirHandlers() throws {
        let fixture = try PluginFixture(plugins: ["e.lua": "kassa.on('customer.imported', function(e) kassa.log(e.name, e.file, e.inserted + e.updated) end)"])
        let failures = fixture.host.registry.emit(.customerImported(file: "k.csv", summary: UpsertSummary(inserted: 2, updated: 3)))
        #expect(failures.isEmpty)
        #expect(fixture.log.lines.contains("[e] customer.imported\tk.csv\t5"))
    }

    @Test func scriptsGetTheirArgumentsAndPrintToTheGivenOutput() throws {
        let folder = try PluginFixture(plugins: [:])
        let script = try folder.folder.write("run.lua", "local a, b = ...\nprint(a .. '+' .. b)")
        var printed: [String] = []
        try folder.host.runScript(at: script, arguments: ["x", "y"]) { printed.append($0) }
        #expect(printed == ["x+y"])
    }
}

@Suite struct CustomerTimestampTests {
    @Test func consentTimesReachLuaAsUTCISO8601() throws {
        var customer = Customers.sample[0]
        customer.newsletterAt = Date(timeIntervalSince1970: 1_772_357_405)  // 2026-03-01T09:30:05Z
        let fixture = try PluginFixture(plugins: ["t.lua": "kassa.template { name = 'at', channel = 'sms', render = function(c) return c.newsletter_at end }"])
        let message = try fixture.host.registry.template(named: "at").renderer!.render(customer, context: [:])
        #expect(message.text == "2026-03-01T09:30:05Z")
    }
}

@Suite struct SMSAnalyzeAPITests {
    @Test func pluginsAnalyzeTextLikeTheCommandLine() throws {
        let fixture = try PluginFixture(plugins: ["s.lua": """
            local gsm = kassa.sms.analyze(string.rep("a", 160))
            local long = kassa.sms.analyze(string.rep("a", 161))
            local euro = kassa.sms.analyze("€")
            local ucs = kassa.sms.analyze("Crêpe")
            kassa.template { name = 'r', channel = 'sms', text = table.concat({
              gsm.encoding, gsm.segments, long.segments, euro.units, ucs.encoding, ucs.non_gsm[1] }, ' ') }
            """])
        #expect(try fixture.host.registry.template(named: "r").text == "GSM-7 1 2 2 UCS-2 ê")
    }
}
