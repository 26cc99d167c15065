import Testing
@testable import KassaCore
@testable import KassaSQLite

/// A native filter: customers owning a vehicle of the brand, who visited since the date.
private final class OwnsBrandSince: FilterImplementation {
    func matches(_ customers: [Customer], parameters: [String: ParameterValue]) throws -> [Bool] {
        guard case .string(let brand) = parameters["brand"], case .date(let since) = parameters["since"] else {
            return customers.map { _ in false }
        }
        return customers.map { customer in
            customer.vehicles.contains { $0.brand == brand } && (customer.lastVisit.map { $0 >= since } ?? false)
        }
    }
}

@Suite("The plugin registry as the selection's filter provider")
struct PluginRegistryFilterTests {
    private static func registry() -> PluginRegistry {
        var registrations = Registrations()
        registrations.filters = [FilterDefinition(
            name: "owns_brand_since",
            parameters: [ParameterSpec(name: "brand", type: .string), ParameterSpec(name: "since", type: .date)],
            plugin: "test-filters", implementation: OwnsBrandSince())]
        let registry = PluginRegistry()
        registry.add(registrations, manifest: PluginManifest(name: "test-filters", version: "1.0.0"), kind: .native,
                     path: nil)
        return registry
    }

    @Test("a registered filter runs with its parameters converted to their declared types")
    func runsRegisteredFilter() throws {
        let store = try StoreFixtures.store()
        var input = SelectionInput()
        input.add(.vehicleType, "car")
        input.add(.filter, "owns_brand_since")
        input.addFilterParameter("brand=Volvo")
        input.addFilterParameter("since=2026-01-01")
        let selection = try CustomerSelection(input: input)
        #expect(try store.allNumbers(selection, filters: Self.registry()) == ["1"])
    }

    @Test("a wrong, missing or undeclared parameter is the registry's error")
    func badParameters() throws {
        let store = try StoreFixtures.store()
        for parameters in [["brand": "Volvo", "since": "soon"], ["brand": "Volvo"],
                           ["brand": "Volvo", "since": "2026-01-01", "colour": "red"]] {
            var selection = CustomerSelection()
            selection.customFilter = CustomFilterReference(name: "owns_brand_since", parameters: parameters)
            let error = try #require(throws: PluginError.self) {
                try store.select(selection, filters: Self.registry())
            }
            #expect(error.code == .invalidParameter)
        }
        var unknown = CustomerSelection()
        unknown.customFilter = CustomFilterReference(name: "nope")
        let error = try #require(throws: PluginError.self) { try store.count(unknown, filters: Self.registry()) }
        #expect(error.code == .notFound)
    }
}
