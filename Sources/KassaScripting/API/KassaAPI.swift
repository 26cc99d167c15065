import KassaCore
import Logging
import Lua

/// Builds the `kassa` table a plugin or script sees. Every function records into the
/// session of the plugin that owns the environment.
struct KassaAPI {
    unowned let host: ScriptHost
    let session: PluginSession

    /// The functions by their name in `LuaAPIReference.functions`.
    func functions() -> [String: ([LuaValue]) throws -> [LuaValue]] {
        [
            "kassa.plugin": plugin,
            "kassa.filter": filter,
            "kassa.template": template,
            "kassa.menu": { try action(.menu, $0) },
            "kassa.func": { try action(.function, $0) },
            "kassa.button": button,
            "kassa.on": on,
            "kassa.log": log,
            "kassa.sms.analyze": smsAnalyze,
        ].merging(customerFunctions()) { first, _ in first }
            .merging(cardFunctions()) { first, _ in first }
    }

    /// The `kassa` table, ready to put into an environment; `kassa.sms.analyze` lands in a
    /// `sms` sub-table.
    func makeTable() -> LuaTableReference {
        let table = host.state.makeTable()
        var namespaces: [String: LuaTableReference] = [:]
        for (name, body) in functions() {
            let path = name.dropFirst("kassa.".count).split(separator: ".").map(String.init)
            var target = table
            for namespace in path.dropLast() {
                if let existing = namespaces[namespace] {
                    target = existing
                } else {
                    let created = host.state.makeTable()
                    table[namespace] = .reference(created)
                    namespaces[namespace] = created
                    target = created
                }
            }
            let guardedBody = LuaAPIReference.permissions[name].map { guarded(name, permission: $0, body) } ?? body
            target[path.last!] = .function(host.state.makeFunction(guardedBody))
        }
        if let customers = namespaces["customers"], let get = customers["get"].functionValue, let select = customers["select"].functionValue {
            let dressed = host.dressCustomerFunctions(get: get, select: select)
            customers["get"] = .function(dressed.get)
            customers["select"] = .function(dressed.select)
        }
        return table
    }

    /// The Lua line that called the running `kassa.*` function; when it was called through
    /// `pcall` (a C function, with no line), the line that called `pcall`.
    var location: SourceLocation? {
        (host.state.callerLocation(level: 1) ?? host.state.callerLocation(level: 2))
            .map { SourceLocation(file: session.file(forChunk: $0.chunk), line: $0.line) }
    }

    private func reader(_ arguments: [LuaValue], _ function: String) throws -> LuaTableReader {
        do { return try LuaTableReader(arguments, function: function) } catch { throw refuse(error) }
    }

    private func checked<T>(_ body: () throws(PluginError) -> T) throws -> T {
        do { return try body() } catch { throw refuse(error) }
    }

    /// Records the refusal (with the caller's file and line) so it fails the plugin even if the
    /// script catches it, and returns what to raise in Lua, where the host adds the position.
    func refuse(_ error: PluginError) -> Error {
        var located = error
        if located.location == nil { located.location = location }
        _ = session.refuse(located)
        return LuaRaise(error.message)
    }

    private func plugin(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let spec = try reader(arguments, "kassa.plugin")
        let manifest = try checked { () throws(PluginError) -> PluginManifest in
            if session.manifest != nil {
                throw PluginError(.manifest, "kassa.plugin was already called; a plugin declares itself once")
            }
            let name = try spec.string("name")
            let version = try spec.string("version")
            let api = try spec.optionalInteger("api") ?? PluginManifest.currentAPI
            guard api <= PluginManifest.currentAPI, api >= 1 else {
                throw PluginError(.unsupportedAPI, "plugin \"\(name)\" needs plugin API \(api); this Kassa provides \(PluginManifest.currentAPI)")
            }
            let permissions = try spec.strings("permissions")
            if let unknown = permissions.first(where: { !PluginPermission.isKnown($0) }) {
                throw PluginError(.manifest, "kassa.plugin: \"\(unknown)\" is not a permission this Kassa knows (known: \(PluginPermission.knownNames))")
            }
            return PluginManifest(name: name, version: version, api: api, permissions: permissions)
        }
        session.manifest = manifest
        return []
    }

    private func filter(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let spec = try reader(arguments, "kassa.filter")
        let here = location
        let definition = try checked { () throws(PluginError) -> FilterDefinition in
            let name = try spec.string("name")
            return FilterDefinition(
                name: name, description: try spec.optionalString("description") ?? "",
                parameters: try spec.parameters("params"), plugin: session.pluginName, location: here,
                implementation: LuaFilter(host: host, name: name, match: try spec.function("match")))
        }
        try checkUnique(definition.name, in: session.registrations.filters.map(\.name), what: "filter")
        session.registrations.filters.append(definition)
        return []
    }

    private func template(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let spec = try reader(arguments, "kassa.template")
        let here = location
        let definition = try checked { () throws(PluginError) -> TemplateDefinition in
            let name = try spec.string("name")
            let channelName = try spec.string("channel")
            guard let channel = Channel(rawValue: channelName) else {
                throw PluginError(.invalidDefinition, "kassa.template: channel must be \"sms\" or \"email\", not \"\(channelName)\"")
            }
            let render = try spec.optionalFunction("render")
            let text = try spec.optionalString("text")
            let html = try spec.optionalString("html")
            guard render != nil || text != nil || html != nil else {
                throw PluginError(.invalidDefinition, "kassa.template \"\(name)\" needs text, html or a render function")
            }
            if render != nil, text != nil || html != nil {
                throw PluginError(.invalidDefinition, "kassa.template \"\(name)\" has a render function and text or html: give one or the other")
            }
            let subject = try spec.optionalString("subject")
            let fallbacks = try spec.stringMap("fallbacks")
            // Placeholders are checked now, so a misspelt #FORNAMN# stops the plugin at load
            // with its line, long before a mailing uses it.
            do {
                if render == nil {
                    _ = try MessageTemplate(name: name, channel: channel, subject: subject, text: text, html: html, fallbacks: fallbacks)
                } else if let subject {
                    _ = try PlaceholderTemplate(subject, name: name, fallbacks: fallbacks)
                }
            } catch {
                throw PluginError(.invalidDefinition, "\(error)")
            }
            return TemplateDefinition(
                name: name, channel: channel, text: text, subject: subject, html: html, fallbacks: fallbacks,
                plugin: session.pluginName, location: here,
                renderer: render.map { LuaTemplateRenderer(host: host, name: name, render: $0) })
        }
        try checkUnique(definition.name, in: session.registrations.templates.map(\.name), what: "template")
        session.registrations.templates.append(definition)
        return []
    }

    private func action(_ kind: ActionDefinition.Kind, _ arguments: [LuaValue]) throws -> [LuaValue] {
        let function = kind == .menu ? "kassa.menu" : "kassa.func"
        let spec = try reader(arguments, function)
        let here = location
        let definition = try checked { () throws(PluginError) -> ActionDefinition in
            let key = kind == .menu ? "name" : "code"
            let name = try spec.string(key)
            guard Macro.isValidName(name) else {
                throw PluginError(.invalidDefinition, "\(function): \(key) \"\(name)\" may contain only letters A–Z, digits and _ (it appears in macros)")
            }
            return ActionDefinition(
                kind: kind, name: name, title: try spec.optionalString("title") ?? name,
                parameters: try spec.parameters("params"), plugin: session.pluginName, location: here,
                implementation: LuaAction(host: host, name: name, run: try spec.function("run")))
        }
        let taken = session.registrations.actions.filter { $0.kind == kind }.map(\.name)
        try checkUnique(definition.name, in: taken, what: kind == .menu ? "menu" : "function")
        session.registrations.actions.append(definition)
        return []
    }

    private func button(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let spec = try reader(arguments, "kassa.button")
        let here = location
        let definition = try checked { () throws(PluginError) -> ButtonDefinition in
            let label = try spec.string("label")
            let macro = try spec.string("macro")
            do {
                _ = try Macro.parse(macro, button: label)
            } catch {
                throw PluginError(.invalidDefinition, "kassa.button: \(error)")
            }
            return ButtonDefinition(label: label, macro: macro, plugin: session.pluginName, location: here)
        }
        try checkUnique(definition.label, in: session.registrations.buttons.map(\.label), what: "button")
        session.registrations.buttons.append(definition)
        return []
    }

    private func on(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let here = location
        guard arguments.count >= 2, let event = arguments[0].stringValue, !event.isEmpty,
              let function = arguments[1].functionValue else {
            throw refuse(PluginError(.invalidDefinition, "kassa.on expects an event name and a function: kassa.on(\"card.ordered\", function(event) ... end)"))
        }
        guard KassaEvent.kind(named: event) != nil else {
            throw refuse(PluginError(.invalidDefinition, "kassa.on: there is no event \"\(event)\" (known: \(KassaEvent.knownNames))"))
        }
        session.registrations.hooks.append(EventHookDefinition(
            event: event, plugin: session.pluginName, location: here,
            handler: LuaEventHandler(host: host, event: event, function: function)))
        return []
    }

    private func log(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let line = arguments.map(LuaValue.displayText).joined(separator: "\t")
        host.logger.info("\(line)", metadata: ["plugin": .string(session.pluginName)])
        return []
    }

    private func smsAnalyze(_ arguments: [LuaValue]) throws -> [LuaValue] {
        guard let text = arguments.first?.stringValue else {
            throw LuaRaise("kassa.sms.analyze expects the text of the message, not \(arguments.first?.typeName ?? "nothing")")
        }
        let analysis = SMSAnalysis.analyze(text)
        return [.table(LuaTable(fields: [
            "encoding": .string(analysis.encoding.rawValue),
            "segments": .integer(Int64(analysis.segments)),
            "characters": .integer(Int64(analysis.characters)),
            "units": .integer(Int64(analysis.units)),
            "per_segment": .integer(Int64(analysis.unitsPerSegment)),
            "line_breaks": .boolean(analysis.hasLineBreaks),
            "non_gsm": .table(LuaTable(array: analysis.nonGSMCharacters.map(LuaValue.string))),
            "parts": .table(LuaTable(array: analysis.parts.map(LuaValue.string))),
        ]))]
    }

    private func checkUnique(_ name: String, in taken: [String], what: String) throws {
        if taken.contains(name) {
            throw refuse(PluginError(.duplicate, "\(what) \"\(name)\" is registered twice in this plugin"))
        }
    }
}

/// A message raised in Lua as it is; the host prefixes the caller's `file:line:`.
struct LuaRaise: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
