/// Everything plugins registered: filters, templates, menus, functions, buttons, event hooks.
///
/// Native and Lua plugins register the same kinds of things here; callers look them up by
/// name and never care which kind of plugin served. Registration is per plugin and all or
/// nothing: a plugin's `Registrations` are checked against what is there and only then added.
public final class PluginRegistry {
    public private(set) var filters: [String: FilterDefinition] = [:]
    public private(set) var templates: [String: TemplateDefinition] = [:]
    public private(set) var menus: [String: ActionDefinition] = [:]
    public private(set) var functions: [String: ActionDefinition] = [:]
    public private(set) var buttons: [ButtonDefinition] = []
    public private(set) var hooks: [String: [EventHookDefinition]] = [:]
    /// Every plugin seen, loaded or not, in load order.
    public private(set) var plugins: [PluginRecord] = []
    /// The event handlers running now (`emit` may be reached again from inside one).
    private var runningHandlers: Set<ObjectIdentifier> = []

    public init() {}

    /// Adds a plugin's registrations, or refuses them all when one clashes with what another
    /// plugin registered. The plugin is recorded either way.
    @discardableResult
    public func add(_ registrations: Registrations, manifest: PluginManifest, kind: PluginRecord.Kind, path: String?) -> PluginRecord {
        var record = PluginRecord(manifest: manifest, kind: kind, path: path, status: .loaded, registered: registrations.summary)
        do {
            try check(registrations, manifest: manifest)
            for filter in registrations.filters { filters[filter.name] = filter }
            for template in registrations.templates { templates[template.name] = template }
            for action in registrations.actions {
                switch action.kind {
                case .menu: menus[action.name] = action
                case .function: functions[action.name] = action
                }
            }
            buttons.append(contentsOf: registrations.buttons)
            for hook in registrations.hooks { hooks[hook.event, default: []].append(hook) }
        } catch {
            record.status = .failed(error)
            record.registered = .init()
        }
        plugins.append(record)
        return record
    }

    /// Records a plugin that could not be loaded at all.
    public func addFailure(_ error: PluginError, manifest: PluginManifest?, kind: PluginRecord.Kind, path: String?) {
        let fallback = PluginManifest(name: path.map(PluginRecord.stem(of:)) ?? "unknown", version: "")
        plugins.append(PluginRecord(manifest: manifest ?? fallback, kind: kind, path: path, status: .failed(error), registered: .init()))
    }

    private func check(_ registrations: Registrations, manifest: PluginManifest) throws(PluginError) {
        if let other = plugins.first(where: { $0.manifest.name == manifest.name && $0.isLoaded }) {
            throw PluginError(.duplicate, "a plugin named \"\(manifest.name)\" is already loaded from \(other.path ?? "a native module")")
        }
        func clash(_ what: String, _ name: String, _ owner: String, _ location: SourceLocation?, at here: SourceLocation?) -> PluginError {
            let place = location.map { " (\($0))" } ?? ""
            return PluginError(.duplicate, "\(what) \"\(name)\" is already registered by plugin \"\(owner)\"\(place)", at: here)
        }
        for filter in registrations.filters {
            if let existing = filters[filter.name] { throw clash("filter", filter.name, existing.plugin, existing.location, at: filter.location) }
        }
        for template in registrations.templates {
            if let existing = templates[template.name] { throw clash("template", template.name, existing.plugin, existing.location, at: template.location) }
        }
        for action in registrations.actions {
            let table = action.kind == .menu ? menus : functions
            if let existing = table[action.name] {
                throw clash(action.kind == .menu ? "menu" : "function", action.name, existing.plugin, existing.location, at: action.location)
            }
        }
        for button in registrations.buttons {
            if let existing = buttons.first(where: { $0.label == button.label }) {
                throw clash("button", button.label, existing.plugin, existing.location, at: button.location)
            }
        }
    }

    /// The filter called `name`, or an error listing the ones there are.
    public func filter(named name: String) throws(PluginError) -> FilterDefinition {
        guard let filter = filters[name] else {
            throw PluginError(.notFound, "No filter is called \"\(name)\"" + Self.known(filters.keys))
        }
        return filter
    }

    /// The menu called `name`, or an error listing the ones there are.
    public func menu(named name: String) throws(PluginError) -> ActionDefinition {
        guard let menu = menus[name] else {
            throw PluginError(.notFound, "No menu is called \"\(name)\"" + Self.known(menus.keys))
        }
        return menu
    }

    /// The function with code `code`, or an error listing the ones there are.
    public func function(code: String) throws(PluginError) -> ActionDefinition {
        guard let function = functions[code] else {
            throw PluginError(.notFound, "No function has the code \"\(code)\"" + Self.known(functions.keys))
        }
        return function
    }

    /// The template called `name`, or an error listing the ones there are.
    public func template(named name: String) throws(PluginError) -> TemplateDefinition {
        guard let template = templates[name] else {
            throw PluginError(.notFound, "No template is called \"\(name)\"" + Self.known(templates.keys))
        }
        return template
    }

    /// Runs every handler of `event`; a failing handler is returned, the others still run.
    ///
    /// A handler that is running already (the event was caused by its own work, as when a
    /// `card.ordered` handler orders a card) is not run again, so handlers cannot loop.
    @discardableResult
    public func emit(_ event: KassaEvent) -> [(EventHookDefinition, Error)] {
        var failures: [(EventHookDefinition, Error)] = []
        for hook in hooks[event.name] ?? [] {
            let handler = ObjectIdentifier(hook.handler)
            guard runningHandlers.insert(handler).inserted else { continue }
            defer { runningHandlers.remove(handler) }
            do { try hook.handler.handle(event) } catch { failures.append((hook, error)) }
        }
        return failures
    }

    /// Whether any plugin handles `event`, so that a caller can skip gathering what it carries.
    public func handles(_ event: String) -> Bool {
        !(hooks[event] ?? []).isEmpty
    }

    private static func known(_ names: Dictionary<String, some Any>.Keys) -> String {
        names.isEmpty ? " (none are registered)" : " (known: \(names.sorted().joined(separator: ", ")))"
    }
}

/// What one plugin registers, gathered while it loads and added to the registry as a whole.
public struct Registrations {
    public var filters: [FilterDefinition] = []
    public var templates: [TemplateDefinition] = []
    public var actions: [ActionDefinition] = []
    public var buttons: [ButtonDefinition] = []
    public var hooks: [EventHookDefinition] = []

    public init() {}

    /// Names only, for listings.
    public var summary: PluginRecord.Summary {
        PluginRecord.Summary(
            filters: filters.map(\.name),
            templates: templates.map(\.name),
            menus: actions.filter { $0.kind == .menu }.map(\.name),
            functions: actions.filter { $0.kind == .function }.map(\.name),
            buttons: buttons.map(\.label),
            events: hooks.map(\.event)
        )
    }
}

/// A plugin as `kassa plugins` lists it.
public struct PluginRecord {
    public enum Kind: String, Sendable, Codable { case lua, native }
    public enum Status {
        case loaded
        case failed(PluginError)
    }
    /// The names a plugin registered.
    public struct Summary: Sendable, Hashable, Codable {
        public var filters: [String] = []
        public var templates: [String] = []
        public var menus: [String] = []
        public var functions: [String] = []
        public var buttons: [String] = []
        public var events: [String] = []

        public init(filters: [String] = [], templates: [String] = [], menus: [String] = [], functions: [String] = [],
                    buttons: [String] = [], events: [String] = []) {
            self.filters = filters
            self.templates = templates
            self.menus = menus
            self.functions = functions
            self.buttons = buttons
            self.events = events
        }
    }

    public var manifest: PluginManifest
    public var kind: Kind
    /// The file or folder, for Lua plugins.
    public var path: String?
    public var status: Status
    public var registered: Summary

    public var isLoaded: Bool { if case .loaded = status { return true } else { return false } }
    public var error: PluginError? { if case .failed(let error) = status { return error } else { return nil } }

    /// `plugins/acme.lua` → `acme`; `plugins/acme/init.lua` → `acme`.
    public static func stem(of path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        if parts.last == "init.lua", parts.count > 1 { parts.removeLast() }
        var name = parts.last ?? path
        if name.hasSuffix(".lua") { name.removeLast(4) }
        return name
    }
}

/// A plugin written in Swift, compiled into Kassa.
public protocol NativePlugin {
    var manifest: PluginManifest { get }
    /// What the plugin registers.
    func registrations() throws -> Registrations
}

extension PluginRegistry {
    /// Registers a native plugin; a failure is recorded, never fatal.
    public func add(native plugin: NativePlugin) {
        do {
            add(try plugin.registrations(), manifest: plugin.manifest, kind: .native, path: nil)
        } catch let error as PluginError {
            addFailure(error, manifest: plugin.manifest, kind: .native, path: nil)
        } catch {
            addFailure(PluginError(.load, "\(error)"), manifest: plugin.manifest, kind: .native, path: nil)
        }
    }
}
