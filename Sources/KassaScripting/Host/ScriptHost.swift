import Foundation
import KassaCore
import Logging
import Lua

/// The scripting host: one sandboxed Lua state, the plugins loaded into it, and the registry
/// they filled. Not thread-safe: one host per thread or task.
public final class ScriptHost {
    public let state: LuaState
    public let registry: PluginRegistry
    public let logger: Logger
    private(set) lazy var customerRecords = CustomerRecords(state: state)
    /// Opens the customer register on first use (`kassa.customers.*`); `nil` when there is none.
    private let openStore: (() throws -> any CustomerStore)?
    private var openedStore: (any CustomerStore)?
    /// Makes the card ordering service on first use (`kassa.cards.order`); `nil` when there is none.
    private let openCardOrders: (() throws -> CardOrderService)?
    private var openedCardOrders: CardOrderService?
    /// The permissions the shop grants each plugin, by plugin name (`[plugins.NAME] allow`).
    public let grants: [String: Set<String>]
    /// What runs now, innermost last: whether an effect is allowed depends on it.
    var phases: [ScriptPhase] = []
    /// Wraps `kassa.customers.get` and `select` so the tables they return get the methods of
    /// a customer record. Done in Lua: a table crossing into Swift comes back as a copy.
    private lazy var customerWrapper: LuaFunction? = {
        let methods = LuaValue.table(LuaTable(fields: customerRecords.methods.mapValues(LuaValue.function)))
        let chunk = try? state.load("""
            local methods = ...
            -- Shared by every plugin's customers: protected, so no plugin can reach it to change
            -- what another sees.
            local mt = { __index = methods, __metatable = false }
            -- Called through pcall, a failure carries no position of ours; error(..., 2) names
            -- the script's line instead.
            local function dressed(ok, t)
              if not ok then error(t, 2) end
              if t ~= nil then setmetatable(t, mt) end
              return t
            end
            return function(get, select)
              return function(number) return dressed(pcall(get, number)) end,
                     function(criteria)
                       local ok, it = pcall(select, criteria)
                       if not ok then error(it, 2) end
                       return function() return dressed(pcall(it)) end
                     end
            end
            """, chunkName: "kassa/customer-table.lua", environment: state.makeEnvironment())
        return chunk.flatMap { try? state.call($0, [methods], limits: LuaLimits.none).first?.functionValue }
    }()

    /// `get` and `select` as scripts see them: returning customers with their methods.
    func dressCustomerFunctions(get: LuaFunction, select: LuaFunction) -> (get: LuaFunction, select: LuaFunction) {
        guard let customerWrapper,
              let wrapped = try? state.call(customerWrapper, [.function(get), .function(select)], limits: LuaLimits.none),
              wrapped.count == 2, let dressedGet = wrapped[0].functionValue, let dressedSelect = wrapped[1].functionValue
        else { return (get, select) }
        return (dressedGet, dressedSelect)
    }

    ///   - limits: the budget of every call into a plugin (`[limits]` in `kassa.toml`).
    ///   - logger: where `print` and `kassa.log` of plugins go.
    ///   - store: opens the customer register the first time a script asks for it.
    ///   - cardOrders: makes the card ordering service the first time a script orders a card.
    ///   - grants: the permissions the shop grants each plugin, by name (`[plugins.NAME] allow`).
    public init(limits: LuaLimits = .default, logger: Logger, registry: PluginRegistry = PluginRegistry(),
                store: (() throws -> any CustomerStore)? = nil, cardOrders: (() throws -> CardOrderService)? = nil,
                grants: [String: Set<String>] = [:]) {
        state = LuaState(limits: limits)
        self.registry = registry
        self.logger = logger
        self.openStore = store
        self.openCardOrders = cardOrders
        self.grants = grants
    }

    /// The customer register, opened on first use; `nil` when the host has none.
    func customerStore() throws -> (any CustomerStore)? {
        if let openedStore { return openedStore }
        openedStore = try openStore?()
        return openedStore
    }

    /// The card ordering service, made on first use; `nil` when the host has none.
    func cardOrderService() throws -> CardOrderService? {
        if let openedCardOrders { return openedCardOrders }
        openedCardOrders = try openCardOrders?()
        return openedCardOrders
    }

    /// `customer` as a plain Lua table with the same fields as a proxy (the methods are added
    /// on the Lua side, by `dressCustomerFunctions`).
    func customerTable(_ customer: Customer) throws -> LuaValue {
        try CustomerRecords.table(for: customer)
    }

    /// Loads every plugin found in `directories`, in order; a folder or file reached twice (by
    /// another spelling or a symlink) is loaded once. Broken plugins are recorded in the
    /// registry with their error and skipped; loading never fails as a whole.
    @discardableResult
    public func loadPlugins(from directories: [String]) -> [PluginRecord] {
        PluginDiscovery.plugins(in: directories).map(loadPlugin(at:))
    }

    /// Loads one plugin file (`x.lua` or `x/init.lua`) and adds what it registers.
    @discardableResult
    public func loadPlugin(at path: String) -> PluginRecord {
        let session = PluginSession(path: path)
        do {
            let code = try Self.read(path)
            let environment = makeEnvironment(for: session, print: nil)
            let chunk: LuaFunction
            do {
                chunk = try state.load(code, chunkName: path, environment: environment)
            } catch {
                throw PluginError(.syntax, error.message, at: SourceLocation(file: session.file(forChunk: error.chunk), line: error.line))
            }
            do {
                // Loading never has effects: the top-level chunk runs as `.loading`.
                try during(.loading) { () throws(LuaError) in try state.call(chunk, []) }
            } catch {
                throw session.firstError ?? PluginError(.load, error.message, at: SourceLocation(file: session.file(forChunk: error.chunk), line: error.line))
            }
            if let error = session.firstError { throw error }
            let manifest = session.manifest ?? PluginManifest(name: PluginRecord.stem(of: path), version: "0.0.0")
            let record = registry.add(session.registrations, manifest: manifest, kind: .lua, path: path)
            if let error = record.error { logger.warning("Plugin \(path) skipped: \(error)") }
            return record
        } catch {
            let pluginError = error as? PluginError ?? PluginError(.load, "\(error)", at: SourceLocation(file: path))
            logger.warning("Plugin \(path) skipped: \(pluginError)")
            registry.addFailure(pluginError, manifest: session.manifest, kind: .lua, path: path)
            return registry.plugins.last!
        }
    }

    /// Runs a script (`kassa run FILE.lua ARGS...`) with the same API and sandbox as plugins.
    /// Its `print` goes to `print`; what it registers is checked but not kept. It has the
    /// effects in `allow` (permission names, `kassa run --allow`), and no others: neither its
    /// manifest nor `kassa.toml` grants a script anything.
    /// - Throws: `ScriptError` whose message is `FILE:LINE: message`.
    @discardableResult
    public func runScript(at path: String, arguments: [String], limits: LuaLimits? = nil, allow: Set<String> = [],
                          print: @escaping (String) -> Void) throws -> [LuaValue] {
        let session = PluginSession(path: path)
        let code = try Self.read(path)
        let environment = makeEnvironment(for: session, print: print)
        do {
            let chunk = try state.load(code, chunkName: path, environment: environment)
            return try during(.script(allowed: allow)) { () throws(LuaError) -> [LuaValue] in
                try state.call(chunk, arguments.map(LuaValue.string), limits: limits)
            }
        } catch {
            throw ScriptError(.scriptFailed, error.description, underlying: error)
        }
    }

    /// A sandbox environment with the `kassa` table bound to `session`.
    func makeEnvironment(for session: PluginSession, print: ((String) -> Void)?) -> LuaTableReference {
        let logger = self.logger
        let environment = state.makeEnvironment(print: print ?? { line in
            logger.info("\(line)", metadata: ["plugin": .string(session.pluginName)])
        })
        environment["kassa"] = .reference(KassaAPI(host: self, session: session).makeTable())
        return environment
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptError(.fileUnreadable, "Cannot read \"\(path)\": no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScriptError(.fileUnreadable, "\"\(path)\" is not UTF-8 text")
        }
        return text
    }
}

extension ScriptHost {
    /// Validates plugin files without installing them: each is loaded into a throwaway host
    /// that already holds the installed plugins, so name clashes show too.
    public static func check(paths: [String], installedDirectories: [String], limits: LuaLimits, logger: Logger) -> [PluginRecord] {
        paths.map { path in
            let host = ScriptHost(limits: limits, logger: logger)
            let checked = PluginDiscovery.realPath(path)
            let installed = PluginDiscovery.plugins(in: installedDirectories).filter { PluginDiscovery.realPath($0) != checked }
            for other in installed { host.loadPlugin(at: other) }
            return host.loadPlugin(at: path)
        }
    }
}
