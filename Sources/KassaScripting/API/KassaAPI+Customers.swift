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

    /// The criteria table as a `CustomerSelection`: the keys are the criteria's names
    /// (`SelectionCriterion.all`), a list criterion takes a string (comma-separated) or a
    /// table of strings, a flag any truthy value; `params` holds the filter's parameters.
    static func selection(_ arguments: [LuaValue], function: String) throws -> CustomerSelection {
        guard let criteria = arguments.first, criteria != .nil else { return CustomerSelection() }
        guard let table = criteria.tableValue else {
            throw LuaRaise("\(function) expects a table of criteria, not \(criteria.typeName)")
        }
        func text(_ value: LuaValue) -> String? {
            value.stringValue ?? value.integerValue.map(String.init)
        }
        let known = Set(SelectionCriterion.all.map(\.name) + [filterParametersKey])
        if let unknown = table.fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw LuaRaise("\(function): unknown criterion \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
        var input = SelectionInput()
        for criterion in SelectionCriterion.all {
            let key = criterion.name
            let value = table[key]
            if value == .nil { continue }
            if criterion.valueType == .flag {
                input.set(criterion.id, flag: value.isTruthy)
            } else if let single = text(value) {
                input.add(criterion.id, single)
            } else if criterion.valueType.isList, let list = value.tableValue {
                var texts: [String] = []
                for entry in list.array {
                    guard let entryText = text(entry) else {
                        throw LuaRaise("\(function): \(key) must be a string or a list of strings, not a list holding \(entry.typeName)")
                    }
                    texts.append(entryText)
                }
                input.add(criterion.id, texts)
            } else {
                throw LuaRaise("\(function): \(key) must be \(criterion.valueType.isList ? "a string or a list of strings" : "a string"), not \(value.typeName)")
            }
        }
        for (key, value) in (table[filterParametersKey].tableValue?.fields ?? [:]).sorted(by: { $0.key < $1.key }) {
            input.addFilterParameter(key: key, value: text(value) ?? LuaValue.displayText(value))
        }
        return try CustomerSelection(input: input)
    }

    /// The key of the custom filter's parameters in a criteria table.
    static let filterParametersKey = "params"
}
