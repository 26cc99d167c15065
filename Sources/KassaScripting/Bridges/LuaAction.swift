import Foundation
import KassaCore
import Lua

/// A `kassa.menu` or `kassa.func` as the registry sees it.
final class LuaAction: ActionImplementation {
    private unowned let host: ScriptHost
    private let name: String
    private let run: LuaFunction

    init(host: ScriptHost, name: String, run: LuaFunction) {
        self.host = host
        self.name = name
        self.run = run
    }

    func run(_ context: ActionContext) throws {
        let say = host.state.makeFunction { arguments in
            context.output(arguments.map(LuaValue.displayText).joined(separator: "\t"))
            return []
        }
        let ctx = LuaTable(fields: [
            "params": .table(LuaTable(fields: context.parameters.mapValues(LuaValue.string))),
            "say": .function(say),
        ])
        do {
            try host.state.call(run, [.table(ctx)])
        } catch {
            throw ScriptError(.actionFailed, "\"\(name)\" failed: \(error)", underlying: error)
        }
    }
}

/// A `kassa.template` with a `render` function.
final class LuaTemplateRenderer: TemplateRenderer {
    private unowned let host: ScriptHost
    private let name: String
    private let render: LuaFunction

    init(host: ScriptHost, name: String, render: LuaFunction) {
        self.host = host
        self.name = name
        self.render = render
    }

    func render(_ customer: Customer, context: [String: String]) throws -> RenderedMessage {
        let records = host.customerRecords
        records.load([customer])
        defer { records.kind.invalidateProxies() }
        let results: [LuaValue]
        do {
            results = try host.state.call(render, [records.kind.proxy(at: 0), .table(LuaTable(fields: context.mapValues(LuaValue.string)))])
        } catch {
            throw ScriptError(.templateFailed, "Template \"\(name)\" failed for customer \(customer.number): \(error)", underlying: error)
        }
        switch results.first ?? .nil {
        case .string(let text):
            return RenderedMessage(text: text)
        case .table(let table):
            return RenderedMessage(text: table["text"].stringValue, subject: table["subject"].stringValue, html: table["html"].stringValue)
        case let other:
            throw ScriptError(.templateFailed, "Template \"\(name)\": render must return a string or { text = ..., subject = ..., html = ... }, not \(other.typeName)")
        }
    }
}

/// A `kassa.on(event, fn)` handler.
final class LuaEventHandler: EventHandler {
    private unowned let host: ScriptHost
    private let function: LuaFunction

    init(host: ScriptHost, function: LuaFunction) {
        self.host = host
        self.function = function
    }

    func handle(_ event: KassaEvent) throws {
        var fields = event.payload.mapValues(LuaValue.string)
        fields["name"] = .string(event.name)
        try host.state.call(function, [.table(LuaTable(fields: fields))])
    }
}

extension LuaValue {
    /// How `kassa.log` and `ctx.say` show a value.
    static func displayText(_ value: LuaValue) -> String {
        switch value {
        case .nil: return "nil"
        case .boolean(let flag): return flag ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(format: "%.1f", number) : String(number)
        case .string(let text): return text
        case .table: return "table"
        case .function: return "function"
        case .reference(let reference): return reference.typeName
        }
    }
}
