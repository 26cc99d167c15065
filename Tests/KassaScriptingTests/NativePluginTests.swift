import KassaCore
import KassaScripting
import Testing

/// Native plugins register the same kinds of things as Lua plugins, into the same registry.
@Suite struct NativePluginTests {
    final class PointsFilter: FilterImplementation {
        func matches(_ customers: [Customer], parameters: [String: ParameterValue]) throws -> [Bool] {
            guard case .integer(let minimum) = parameters["min"] else { return customers.map { _ in false } }
            return customers.map { $0.points >= minimum }
        }
    }

    final class Drawer: ActionImplementation {
        var opened = 0
        func run(_ context: ActionContext) throws { opened += 1 }
    }

    struct NativeSample: NativePlugin {
        let drawer: Drawer
        var manifest: PluginManifest { PluginManifest(name: "native-sample", version: "1.0.0") }
        func registrations() throws -> Registrations {
            var registrations = Registrations()
            registrations.filters.append(FilterDefinition(
                name: "points_at_least", parameters: [ParameterSpec(name: "min", type: .integer)],
                plugin: manifest.name, implementation: PointsFilter()))
            registrations.actions.append(ActionDefinition(kind: .function, name: "KLUT", plugin: manifest.name, implementation: drawer))
            registrations.buttons.append(ButtonDefinition(label: "Drawer", macro: "#KLUT#", plugin: manifest.name))
            return registrations
        }
    }

    @Test func nativeAndLuaPluginsShareOneRegistryAndItsNames() throws {
        let drawer = Drawer()
        let fixture = try PluginFixture(plugins: [
            "a.lua": "kassa.filter { name = 'vip', match = function(c) return c.points > 500 end }",
            "b.lua": "kassa.func { code = 'KLUT', run = function() end }",
        ])
        let registry = fixture.host.registry
        registry.add(native: NativeSample(drawer: drawer))
        // b.lua loaded first and owns KLUT, so the native plugin is refused as a whole.
        let native = try #require(registry.plugins.last)
        #expect(native.kind == .native)
        #expect(native.error?.message == "function \"KLUT\" is already registered by plugin \"b\" (\(fixture.folder.path)/b.lua:1)")
        #expect(registry.filters["points_at_least"] == nil)
    }

    @Test func callersUseNativeAndLuaRegistrationsAlike() async throws {
        let drawer = Drawer()
        let fixture = try PluginFixture(plugins: ["a.lua": "kassa.filter { name = 'vip', match = function(c) return c.points > 500 end }"])
        let registry = fixture.host.registry
        registry.add(native: NativeSample(drawer: drawer))
        #expect(registry.plugins.last?.isLoaded == true)
        let parameters = try registry.filter(named: "points_at_least").parameters.parse(["min": "600"], owner: "filter")
        let native = try registry.filter(named: "points_at_least").implementation.matches(Customers.sample, parameters: parameters)
        let lua = try registry.filter(named: "vip").implementation.matches(Customers.sample, parameters: [:])
        #expect(native == lua)
        try await registry.function(code: "KLUT").implementation.run(ActionContext(logger: fixture.log.logger, output: { _ in }))
        #expect(drawer.opened == 1)
        #expect(registry.buttons.map(\.label) == ["Drawer"])
    }
}
