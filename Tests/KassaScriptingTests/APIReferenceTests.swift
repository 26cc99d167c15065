import Foundation
import KassaCore
import KassaScripting
import KassaTesting
import Testing

@Suite struct APIReferenceTests {
    /// The reference and the binding come from one list: every documented function exists
    /// in a plugin's `kassa` table, and nothing undocumented does.
    @Test func theBindingMatchesTheReference() throws {
        let fixture = try PluginFixture(plugins: ["probe.lua": """
            local names = {}
            local function collect(prefix, t)
              for name, value in pairs(t) do
                if type(value) == 'function' then names[#names + 1] = prefix .. name
                elseif type(value) == 'table' then collect(prefix .. name .. '.', value) end
              end
            end
            collect('kassa.', kassa)
            table.sort(names)
            kassa.template { name = 'names', channel = 'sms', text = table.concat(names, ',') }
            """])
        let installed = try fixture.host.registry.template(named: "names").text ?? ""
        let documented = LuaAPIReference.functions.map(\.name).sorted().joined(separator: ",")
        #expect(installed == documented)
    }

    /// Every permission guards a function that exists, and every such function has one: no
    /// permission is a stub, and the reference shows what each function needs.
    @Test func everyPermissionGuardsAnAPIFunction() {
        let needed = Set(LuaAPIReference.functions.compactMap(\.permission))
        #expect(needed == Set(PluginPermission.known.map(\.name)))
        #expect(LuaAPIReference.functions.filter { $0.permission != nil }.allSatisfy { $0.summary.contains("`\($0.permission!)`") })
        let markdown = LuaAPIReference.markdown()
        for permission in PluginPermission.known { #expect(markdown.contains("| `\(permission.name)` |")) }
        for event in KassaEvent.kinds {
            #expect(markdown.contains("### `\(event.name)`"))
            #expect(LuaAPIReference.luaLSStubs().contains("---@overload fun(event: \"\(event.name)\""))
        }
    }

    /// Every documented customer field can be read from a proxy without an error.
    @Test func everyDocumentedCustomerFieldIsReadable() throws {
        let reads = LuaAPIReference.customerFields.map { "local _ = c.\($0.name)" }.joined(separator: "\n")
        let methods = LuaAPIReference.customerMethods.map { "assert(type(c.\($0.name)) == 'function')" }.joined(separator: "\n")
        let fixture = try PluginFixture(plugins: ["probe.lua": "kassa.filter { name = 'all', match = function(c)\n\(reads)\n\(methods)\nreturn true end }"])
        #expect(try fixture.host.registry.filter(named: "all").implementation.matches(Customers.sample, parameters: [:]) == [true, true, true])
    }

    /// The committed docs are the generator's output, so they cannot drift from the binding.
    @Test func theCommittedDocsAreUpToDate() throws {
        let root = KassaProcess.repositoryRoot
        let markdown = try String(contentsOfFile: root + "/docs/lua-api.md", encoding: .utf8)
        let stubs = try String(contentsOfFile: root + "/docs/kassa.lua", encoding: .utf8)
        #expect(markdown == LuaAPIReference.markdown(), "docs/lua-api.md is stale: run kassa api-reference --markdown > docs/lua-api.md")
        #expect(stubs == LuaAPIReference.luaLSStubs(), "docs/kassa.lua is stale: run kassa api-reference --luals > docs/kassa.lua")
        let placeholders = try String(contentsOfFile: root + "/docs/placeholders.md", encoding: .utf8)
        #expect(placeholders == PlaceholderCatalog.standard.markdownPage(),
                "docs/placeholders.md is stale: run kassa api-reference --placeholders > docs/placeholders.md")
    }

    @Test func theStubsAreValidLua() throws {
        let folder = TemporaryDirectory()
        let path = try folder.write("kassa.lua", LuaAPIReference.luaLSStubs())
        // The real interpreter compiles the file without running it.
        let lua = Process()
        lua.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        lua.arguments = ["lua5.4", "-e", "assert(loadfile('\(path)'))"]
        try lua.run()
        lua.waitUntilExit()
        #expect(lua.terminationStatus == 0)
    }
}
