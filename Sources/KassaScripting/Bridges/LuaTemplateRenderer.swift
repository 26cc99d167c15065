import KassaCore
import Lua

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
