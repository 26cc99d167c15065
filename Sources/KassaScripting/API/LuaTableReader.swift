import KassaCore
import Lua

/// Reads the table a script passed to `kassa.filter { ... }` and friends, with errors that
/// name the function and the field.
struct LuaTableReader {
    let function: String
    let table: LuaTable

    init(_ arguments: [LuaValue], function: String) throws(PluginError) {
        self.function = function
        guard let table = arguments.first?.tableValue else {
            let got = arguments.first?.typeName ?? "nothing"
            throw PluginError(.invalidDefinition, "\(function) expects a table { ... }, not \(got)")
        }
        self.table = table
    }

    private func wrong(_ field: String, _ expected: String, _ value: LuaValue) -> PluginError {
        PluginError(.invalidDefinition, "\(function): field \"\(field)\" must be \(expected), not \(value.typeName)")
    }

    func string(_ field: String) throws(PluginError) -> String {
        guard let value = try optionalString(field), !value.isEmpty else {
            throw PluginError(.invalidDefinition, "\(function): field \"\(field)\" is required (a non-empty string)")
        }
        return value
    }

    func optionalString(_ field: String) throws(PluginError) -> String? {
        switch table[field] {
        case .nil: return nil
        case .string(let text): return text
        case let other: throw wrong(field, "a string", other)
        }
    }

    func function(_ field: String) throws(PluginError) -> LuaFunction {
        guard let function = try optionalFunction(field) else {
            throw PluginError(.invalidDefinition, "\(self.function): field \"\(field)\" is required (a function)")
        }
        return function
    }

    func optionalFunction(_ field: String) throws(PluginError) -> LuaFunction? {
        switch table[field] {
        case .nil: return nil
        case .function(let function): return function
        case let other: throw wrong(field, "a function", other)
        }
    }

    func optionalInteger(_ field: String) throws(PluginError) -> Int? {
        switch table[field] {
        case .nil: return nil
        case let value:
            guard let integer = value.integerValue else { throw wrong(field, "a whole number", value) }
            return Int(integer)
        }
    }

    func strings(_ field: String) throws(PluginError) -> [String] {
        switch table[field] {
        case .nil: return []
        case .table(let list) where list.fields.isEmpty:
            return try list.array.map { (element) throws(PluginError) -> String in
                guard let text = element.stringValue else { throw wrong(field, "a list of strings", .table(list)) }
                return text
            }
        case let other: throw wrong(field, "a list of strings", other)
        }
    }

    /// `fallbacks = { FORNAMN = "kund" }`: text values by name.
    func stringMap(_ field: String) throws(PluginError) -> [String: String] {
        switch table[field] {
        case .nil: return [:]
        case .table(let map) where map.array.isEmpty && map.indexed.isEmpty:
            var values: [String: String] = [:]
            for (key, value) in map.fields {
                guard let text = value.stringValue else { throw wrong(field, "a table of name = \"text\"", .table(map)) }
                values[key] = text
            }
            return values
        case let other: throw wrong(field, "a table of name = \"text\"", other)
        }
    }

    /// `params = { brand = "string", since = "date" }`, sorted by name.
    func parameters(_ field: String) throws(PluginError) -> [ParameterSpec] {
        switch table[field] {
        case .nil: return []
        case .table(let specs) where specs.array.isEmpty && specs.indexed.isEmpty:
            return try specs.fields.keys.sorted().map { (name) throws(PluginError) -> ParameterSpec in
                let typeName = specs.fields[name]?.stringValue ?? ""
                guard let type = ParameterType(rawValue: typeName) else {
                    let allowed = ParameterType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw PluginError(.invalidDefinition, "\(function): parameter \"\(name)\" has type \"\(typeName)\"; use one of \(allowed)")
                }
                return ParameterSpec(name: name, type: type)
            }
        case let other: throw wrong(field, "a table of name = \"type\"", other)
        }
    }
}
