import KassaCore
import Lua

/// `kassa.customers.get/select/count`: the register for scripts (`kassa run`) and plugins.
///
/// Customers come back as plain tables with the proxy's field names and methods, so a
/// script may keep them; criteria are the SELECTION options of the command line as table
/// keys (`{ country = "SE", points = "500-", has = { "email" }, filter = "lapsed",
/// params = { since = "2026-01-01" } }`).
extension KassaAPI {
    func customerFunctions() -> [String: ([LuaValue]) throws -> [LuaValue]] {
        [
            "kassa.customers.get": customersGet,
            "kassa.customers.select": customersSelect,
            "kassa.customers.count": customersCount,
        ]
    }

    private func store(_ function: String) throws -> any CustomerStore {
        guard let store = try host.customerStore() else {
            throw LuaRaise("\(function): no customer register is open here")
        }
        return store
    }

    private func customersGet(_ arguments: [LuaValue]) throws -> [LuaValue] {
        guard let number = arguments.first?.stringValue ?? arguments.first?.integerValue.map(String.init) else {
            throw LuaRaise("kassa.customers.get expects a customer number, not \(arguments.first?.typeName ?? "nothing")")
        }
        guard let customer = try store("kassa.customers.get").customer(number: number) else { return [.nil] }
        return [try host.customerTable(customer)]
    }

    private func customersCount(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let selection = try Self.selection(arguments, function: "kassa.customers.count")
        return [.integer(Int64(try store("kassa.customers.count").count(selection, filters: host.registry)))]
    }

    /// An iterator: `for c in kassa.customers.select { country = "SE" } do ... end`. Customers
    /// are read in batches, so a large register never sits in memory.
    private func customersSelect(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let selection = try Self.selection(arguments, function: "kassa.customers.select")
        let batches = try store("kassa.customers.select").select(selection, batchSize: 500, filters: host.registry)
        var pending: [Customer] = []
        var index = 0
        let host = self.host
        let iterator = host.state.makeFunction { _ in
            if index == pending.count {
                guard let batch = try batches.next(), !batch.isEmpty else { return [.nil] }
                pending = batch
                index = 0
            }
            defer { index += 1 }
            return [try host.customerTable(pending[index])]
        }
        return [.function(iterator)]
    }

    /// The criteria table as a `CustomerSelection`, with the command line's names and checks.
    static func selection(_ arguments: [LuaValue], function: String) throws -> CustomerSelection {
        guard let criteria = arguments.first, criteria != .nil else { return CustomerSelection() }
        guard let table = criteria.tableValue else {
            throw LuaRaise("\(function) expects a table of criteria, not \(criteria.typeName)")
        }
        func texts(_ key: String) throws -> [String] {
            switch table[key] {
            case .nil: return []
            case .string(let text): return [text]
            case .table(let list): return list.array.compactMap { $0.stringValue ?? $0.integerValue.map(String.init) }
            case let other: throw LuaRaise("\(function): \(key) must be a string or a list of strings, not \(other.typeName)")
            }
        }
        func text(_ key: String) throws -> String? {
            switch table[key] {
            case .nil: return nil
            case .string(let text): return text
            case let other: throw LuaRaise("\(function): \(key) must be a string, not \(other.typeName)")
            }
        }
        let known: Set<String> = ["family", "type", "category", "turnover_group", "vehicle_type", "vehicle_brand", "ignore_case",
                                  "visited_since", "not_visited_since", "has", "postal_code", "city", "country", "not_country",
                                  "points", "consent", "marked", "filter", "params", "exclude", "purpose"]
        if let unknown = table.fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw LuaRaise("\(function): unknown criterion \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
        var options = CustomerSelection.Options()
        options.family = try texts("family")
        options.type = try texts("type")
        options.category = try texts("category")
        options.turnoverGroup = try texts("turnover_group")
        options.vehicleType = try texts("vehicle_type")
        options.vehicleBrand = try texts("vehicle_brand")
        options.ignoreCase = table["ignore_case"].isTruthy
        options.visitedSince = try text("visited_since")
        options.notVisitedSince = try text("not_visited_since")
        options.has = try texts("has")
        options.postalCode = try texts("postal_code")
        options.city = try texts("city")
        options.country = try texts("country")
        options.notCountry = try texts("not_country")
        options.points = try text("points")
        options.consent = table["consent"].isTruthy
        options.marked = table["marked"].isTruthy
        options.filter = try text("filter")
        options.param = (table["params"].tableValue?.fields ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.stringValue ?? value.integerValue.map(String.init) ?? LuaValue.displayText(value))"
        }
        options.exclude = try texts("exclude")
        options.purpose = try text("purpose")
        return try CustomerSelection(options: options)
    }
}
