import Foundation
import KassaCore
import KassaScripting
import Testing

@Suite struct PluginLoadingTests {
    @Test func aPluginRegistersEveryKindOfThing() throws {
        let fixture = try PluginFixture(plugins: ["acme.lua": """
            kassa.plugin { name = "acme", version = "1.2.0", api = 1, permissions = { "cards.order" } }
            kassa.filter { name = "vip", params = { min = "integer" }, match = function(c, p) return c.points >= p.min end }
            kassa.template { name = "hi", channel = "sms", text = "Hej #FORNAMN#!" }
            kassa.menu { name = "Report", title = "Report", run = function(ctx) ctx.say("report") end }
            kassa.func { code = "KLUT", run = function(ctx) end }
            kassa.button { label = "VIP report", macro = "##MENU#Report#¤" }
            kassa.on("card.ordered", function(event) end)
            """])
        let record = try #require(fixture.record("acme"))
        #expect(record.isLoaded)
        #expect(record.manifest == PluginManifest(name: "acme", version: "1.2.0", api: 1, permissions: ["cards.order"]))
        #expect(record.registered.filters == ["vip"])
        #expect(record.registered.templates == ["hi"])
        #expect(record.registered.menus == ["Report"])
        #expect(record.registered.functions == ["KLUT"])
        #expect(record.registered.buttons == ["VIP report"])
        #expect(record.registered.events == ["card.ordered"])
        let registry = fixture.host.registry
        #expect(try registry.filter(named: "vip").parameters == [ParameterSpec(name: "min", type: .integer)])
        #expect(try registry.filter(named: "vip").location?.line == 2)
        #expect(try registry.filter(named: "vip").location?.file.hasSuffix("acme.lua") == true)
        #expect(try registry.template(named: "hi").text == "Hej #FORNAMN#!")
        #expect(registry.buttons.first?.macro == "##MENU#Report#¤")
    }

    @Test func aPluginWithoutManifestIsNamedAfterItsFileOrFolder() throws {
        let fixture = try PluginFixture(plugins: [
            "plain.lua": "kassa.filter { name = 'all', match = function() return true end }",
            "folder/init.lua": "kassa.filter { name = 'none', match = function() return false end }",
        ])
        #expect(fixture.record("plain")?.isLoaded == true)
        #expect(fixture.record("folder")?.registered.filters == ["none"])
    }

    @Test func aSyntaxErrorIsReportedWithFileAndLineAndSkipped() throws {
        let fixture = try PluginFixture(plugins: [
            "broken.lua": "kassa.plugin { name = 'broken', version = '1' }\nlocal = 3\n",
            "good.lua": "kassa.filter { name = 'good', match = function() return true end }",
        ])
        let error = try #require(fixture.record("broken")?.error)
        #expect(error.code == .syntax)
        #expect(error.location?.line == 2)
        #expect(error.description.contains("broken.lua:2:"))
        #expect(fixture.record("good")?.isLoaded == true)
        #expect(fixture.log.lines.contains { $0.contains("broken.lua") && $0.contains("skipped") })
    }

    @Test func aRuntimeErrorWhileLoadingIsReportedAndNothingOfThePluginStays() throws {
        let fixture = try PluginFixture(plugins: ["half.lua": """
            kassa.filter { name = 'first', match = function() return true end }
            local t = nil
            print(t.field)
            """])
        let record = try #require(fixture.record("half"))
        #expect(record.error?.code == .load)
        #expect(record.error?.location?.line == 3)
        #expect(record.error?.message.contains("attempt to index a nil value") == true)
        #expect(fixture.host.registry.filters["first"] == nil)
    }

    @Test func aDuplicateNameFailsTheSecondPluginOnlyAndNamesTheFirst() throws {
        let fixture = try PluginFixture(plugins: [
            "a.lua": "kassa.filter { name = 'vip', match = function() return true end }",
            "b.lua": "kassa.filter { name = 'other', match = function() return true end }\nkassa.filter { name = 'vip', match = function() return false end }",
        ])
        #expect(fixture.record("a")?.isLoaded == true)
        let error = try #require(fixture.record("b")?.error)
        #expect(error.code == .duplicate)
        #expect(error.message.contains("filter \"vip\" is already registered by plugin \"a\""))
        #expect(error.location?.line == 2)
        #expect(fixture.host.registry.filters["other"] == nil)
    }

    @Test(arguments: [
        ("kassa.plugin { version = '1.0' }", "field \"name\" is required"),
        ("kassa.plugin { name = 'x' }", "field \"version\" is required"),
        ("kassa.plugin { name = 'x', version = '1', api = 9 }", "needs plugin API 9"),
        ("kassa.filter { name = 'f', match = 'yes' }", "field \"match\" must be a function, not string"),
        ("kassa.filter { name = 'f', params = { a = 'colour' }, match = function() end }", "parameter \"a\" has type \"colour\""),
        ("kassa.template { name = 't', channel = 'fax', text = 'x' }", "channel must be \"sms\" or \"email\""),
        ("kassa.menu { name = 'Bad-Name', run = function() end }", "may contain only letters"),
        ("kassa.button { label = 'b', macro = '##MENU#Open' }", "unterminated"),
        ("pcall(kassa.filter, { name = 'f' })", "field \"match\" is required"),
    ])
    func aBadDefinitionFailsThePluginEvenWhenCaught(code: String, expected: String) throws {
        let fixture = try PluginFixture(plugins: ["bad.lua": code])
        let error = try #require(fixture.record("bad")?.error)
        #expect(error.description.contains(expected), "\(error)")
        #expect(error.location?.line == 1)
    }

    @Test func anEndlessLoopWhileLoadingEndsWithTheLimitAndTheNextPluginLoads() throws {
        let fixture = try PluginFixture(plugins: [
            "a-loop.lua": "while true do end",
            "b-fine.lua": "kassa.filter { name = 'fine', match = function() return true end }",
        ])
        #expect(fixture.record("a-loop")?.error?.message == "time limit of 0.5 s exceeded")
        #expect(fixture.record("b-fine")?.isLoaded == true)
    }

    @Test func eachPluginHasItsOwnEnvironment() throws {
        let fixture = try PluginFixture(plugins: [
            "a.lua": "shared = 'from a'; string.upper = function() return 'pwned' end",
            "b.lua": """
                kassa.filter { name = 'probe', match = function(c)
                  return shared == nil and string.upper('x') == 'X'
                end }
                """,
        ])
        let verdicts = try fixture.host.registry.filter(named: "probe").implementation.matches([Customers.sample[0]], parameters: [:])
        #expect(verdicts == [true])
    }

    @Test func printAndLogGoToTheHostLogNamingThePlugin() throws {
        let fixture = try PluginFixture(plugins: ["talk.lua": "kassa.plugin { name = 'talker', version = '1' }\nprint('hello', 42)\nkassa.log('done')"])
        #expect(fixture.log.lines.contains("[talker] hello\t42"))
        #expect(fixture.log.lines.contains("[talker] done"))
    }

    @Test func checkValidatesWithoutInstallingAndSeesClashesWithInstalledPlugins() throws {
        let installed = try PluginFixture(plugins: ["a.lua": "kassa.filter { name = 'vip', match = function() return true end }"])
        let candidate = try installed.folder.write("../candidate-\(UUID().uuidString).lua", "kassa.filter { name = 'vip', match = function() return true end }")
        defer { try? FileManager.default.removeItem(atPath: candidate) }
        let records = ScriptHost.check(paths: [candidate], installedDirectories: [installed.folder.path], limits: .default, logger: installed.log.logger)
        #expect(records.first?.error?.code == .duplicate)
    }
}
