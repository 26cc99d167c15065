import KassaCore
import KassaScripting
import Testing

/// Macros run against the registry: menus and functions from Lua plugins, typed input, Enter.
@Suite struct MacroDispatchTests {
    static let plugins = ["m.lua": """
        kassa.menu { name = 'Search', run = function(ctx) ctx.say('search:' .. (ctx.params.input or '')) end }
        kassa.menu { name = 'Report', params = { month = 'integer' }, run = function(ctx) ctx.say('report:' .. ctx.params.month) end }
        kassa.func { code = 'KLUT', run = function(ctx) ctx.say('drawer') end }
        kassa.func { code = 'FAIL', run = function(ctx) error('jammed') end }
        """]

    func run(_ text: String, parameters: [String: String] = [:], answer: String? = nil) async throws -> [String] {
        let fixture = try PluginFixture(plugins: Self.plugins)
        var said: [String] = []
        let performer = RegistryMacroPerformer(
            registry: fixture.host.registry, parameters: parameters, logger: fixture.log.logger,
            output: { said.append($0) }, ask: answer.map { value in { _ in value } })
        try await Macro.parse(text, button: "Test").run(with: performer)
        return said
    }

    @Test func typedTextIsTheOpenMenusInputAndEnterRunsIt() async throws {
        #expect(try await run("##MENU#Search#Öberg¤") == ["search:Öberg"])
        #expect(try await run("##MENU#Search#Öberg¤#KLUT#") == ["search:Öberg", "drawer"])
        // A menu still open when the macro ends runs as if Enter were pressed.
        #expect(try await run("#KLUT###MENU#Search#") == ["drawer", "search:"])
        #expect(try await run("##MENU#Search#\\#12¤") == ["search:#12"])
    }

    @Test func aMenuParameterComesFromParamOrTheTerminal() async throws {
        #expect(try await run("##MENU#Report#¤", parameters: ["month": "11"]) == ["report:11"])
        #expect(try await run("##MENU#Report#¤", answer: "7") == ["report:7"])
        let missing = await #expect(throws: MacroError.self) { try await run("##MENU#Report#¤") }
        #expect(missing?.description.contains("Menu \"Report\" needs the parameter \"month\" (integer): add --param month=VALUE") == true)
        let wrong = await #expect(throws: MacroError.self) { try await run("##MENU#Report#¤", parameters: ["month": "may"]) }
        #expect(wrong?.description.contains("must be a whole number, not \"may\"") == true)
    }

    @Test func failuresNameTheButtonTheStepAndThePosition() async throws {
        let unknown = await #expect(throws: MacroError.self) { try await run("#KLUT###MENU#Nope#¤") }
        let text = unknown?.description ?? ""
        #expect(text.contains("Test"), "\(text)")
        #expect(text.contains("position 7"), "\(text)")
        #expect(text.contains("No menu is called \"Nope\""), "\(text)")
        let failing = await #expect(throws: MacroError.self) { try await run("#FAIL#") }
        #expect(failing?.description.contains("m.lua:4: jammed") == true)
        let stray = await #expect(throws: MacroError.self) { try await run("hello¤") }
        #expect(stray?.description.contains("typed while no menu is open") == true)
    }
}
