import KassaCore
import Lua

/// A `kassa.template` with a `render` function.
///
/// The customer arrives as a record proxy, the context as a Lua table made once for as long
/// as the context does not change (a mailing renders thousands of messages with one), and
/// only `text`, `subject` and `html` are read from the table `render` returns.
final class LuaTemplateRenderer: TemplateRenderer {
    private unowned let host: ScriptHost
    private let name: String
    private let render: LuaFunction
    private var cachedContext: (values: [String: String], table: LuaValue)?

    init(host: ScriptHost, name: String, render: LuaFunction) {
        self.host = host
        self.name = name
        self.render = render
    }

    func render(_ customer: Customer, context: [String: String]) throws -> RenderedMessage {
        let records = host.customerRecords
        records.load([customer])
        defer { records.kind.invalidateProxies() }
        let message: RenderedMessage
        do {
            message = try host.during(.template(name)) {
                try records.kind.call(render, record: 0, argument: contextTable(context)) { result in
                    switch result.typeName {
                    case "string":
                        return RenderedMessage(text: try result.value().stringValue)
                    case "table":
                        return RenderedMessage(text: try text(result, "text"), subject: try text(result, "subject"), html: try text(result, "html"))
                    case let other:
                        throw ScriptError(.templateFailed, "Template \"\(name)\": render must return a string or { text = ..., subject = ..., html = ... }, not \(other)")
                    }
                }
            }
        } catch let error as ScriptError {
            throw error
        } catch {
            throw ScriptError(.templateFailed, "Template \"\(name)\" failed for customer \(customer.number): \(error)", underlying: error)
        }
        try checkNoPlaceholders(message, customer: customer)
        return message
    }

    /// What `render` returns goes out as it is, so a placeholder in it (`#FORNAMN#`) would
    /// reach the customer literally: that customer's message fails instead, naming the token.
    private func checkNoPlaceholders(_ message: RenderedMessage, customer: Customer) throws {
        for (part, text) in [("subject", message.subject), ("text", message.text), ("html", message.html)] {
            guard let text, let token = PlaceholderCatalog.standard.firstPlaceholder(in: text) else { continue }
            throw ScriptError(.templateFailed, "Template \"\(name)\" failed for customer \(customer.number): its \(part) contains the placeholder \(token), which a render function does not fill in (nothing is sent with a literal placeholder); write the value in Lua, e.g. c.first_name")
        }
    }

    private func text(_ table: LuaStackValue, _ field: String) throws -> String? {
        switch try table.field(field) {
        case .nil: return nil
        case .string(let text): return text
        case let other:
            throw ScriptError(.templateFailed, "Template \"\(name)\": \(field) must be a string, not \(other.typeName)")
        }
    }

    private func contextTable(_ values: [String: String]) -> LuaValue {
        if let cachedContext, cachedContext.values == values { return cachedContext.table }
        let table = host.state.makeTable()
        for (key, value) in values { table[key] = .string(value) }
        let value = LuaValue.reference(table)
        cachedContext = (values, value)
        return value
    }
}
