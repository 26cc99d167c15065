import KassaCore
import Lua

/// A `kassa.filter` as the registry sees it: evaluated in batches inside one protected call.
final class LuaFilter: FilterImplementation {
    private unowned let host: ScriptHost
    private let name: String
    private let match: LuaFunction

    init(host: ScriptHost, name: String, match: LuaFunction) {
        self.host = host
        self.name = name
        self.match = match
    }

    func matches(_ customers: [Customer], parameters: [String: ParameterValue]) throws -> [Bool] {
        try run(customers, whole: nil, parameters: parameters)
    }

    func matches(_ customers: [Customer], whole: () throws -> [Customer], parameters: [String: ParameterValue]) throws -> [Bool] {
        try withoutActuallyEscaping(whole) { whole in
            try run(customers, whole: whole, parameters: parameters)
        }
    }

    private func run(_ customers: [Customer], whole: (() throws -> [Customer])?, parameters: [String: ParameterValue]) throws -> [Bool] {
        let records = host.customerRecords
        records.load(customers, whole: whole)
        // An empty batch ends the proxies and the reader of lists with this call.
        defer { records.load([], whole: nil) }
        do {
            return try host.during(.filter(name)) {
                try records.kind.filter(match, argument: .table(LuaTable(fields: parameters.mapValues(\.luaValue))))
            }
        } catch {
            let customer = records.kind.currentIndex.map { " on customer \(customers[$0].number)" } ?? ""
            throw ScriptError(.filterFailed, "Filter \"\(name)\" failed\(customer): \(error)", underlying: error)
        }
    }
}

extension ParameterValue {
    /// How a checked parameter reaches Lua: dates as `YYYY-MM-DD` strings, which compare in order.
    var luaValue: LuaValue {
        switch self {
        case .string(let text): return .string(text)
        case .number(let number): return .number(number)
        case .integer(let integer): return .integer(Int64(integer))
        case .boolean(let flag): return .boolean(flag)
        case .date(let date): return .string(date.description)
        }
    }
}
