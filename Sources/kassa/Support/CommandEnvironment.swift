import ArgumentParser
import Foundation
import KassaConfig
import KassaCore
import KassaSQLite
import KassaScripting
import Logging
import Lua
import KassaMassMailing

/// What a command works with: the configuration, the logger, the plugin folders.
struct CommandEnvironment {
    let options: GlobalOptions
    let configuration: KassaConfiguration
    let logger: Logger

    init(_ options: GlobalOptions) throws {
        self.options = options
        Self.bootstrapLogging()
        logger = Logger(label: "kassa")
        let manager = FileManager.default
        if let path = options.config {
            guard manager.fileExists(atPath: path) else { throw CommandFailure("Configuration file \"\(path)\" does not exist") }
            configuration = try Self.load(path)
        } else if manager.fileExists(atPath: "kassa.toml") {
            configuration = try Self.load("kassa.toml")
        } else {
            configuration = KassaConfiguration(baseDirectory: manager.currentDirectoryPath)
        }
        for warning in configuration.warnings { logger.warning("\(warning)") }
        for directory in options.pluginDirectories {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
                throw CommandFailure("Plugin folder \"\(directory)\" does not exist")
            }
        }
    }

    private static func load(_ path: String) throws -> KassaConfiguration {
        do { return try KassaConfiguration.load(from: path) } catch { throw CommandFailure("\(error)") }
    }

    /// The database file: `--db`, then `$KASSA_DB`, then `./kassa.sqlite`.
    var databasePath: String {
        options.database ?? ProcessInfo.processInfo.environment["KASSA_DB"] ?? "kassa.sqlite"
    }

    /// Shipped plugins (`./plugins`), then `[plugins] dirs`, then each `--plugins DIR`.
    var pluginDirectories: [String] {
        ["plugins"] + configuration.plugins.directories + options.pluginDirectories
    }

    /// The per-call budget of plugins, from `[limits]`.
    var limits: LuaLimits {
        LuaLimits(timeout: configuration.limits.scriptTimeout, memory: configuration.limits.scriptMemoryBytes)
    }

    /// The customer register, which must exist: a command that reads or changes it never
    /// makes an empty one (that would print 0 and hide a wrong folder or `--db`).
    func openStore() throws -> SQLiteCustomerStore {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            let shown = options.database == nil && ProcessInfo.processInfo.environment["KASSA_DB"] == nil ? "./kassa.sqlite" : databasePath
            throw CommandFailure("No register at \(shown). Create one with `kassa customers import FILE` or `kassa demo seed --customers N` (or point --db / KASSA_DB at one).")
        }
        return try SQLiteCustomerStore(path: databasePath, logger: logger)
    }

    /// The customer register, made when it does not exist yet: only for the commands that
    /// fill one (`customers import`, `demo seed`).
    func createStore() throws -> SQLiteCustomerStore {
        try SQLiteCustomerStore(path: databasePath, logger: logger)
    }

    /// The plugin host when `selection` names a custom filter, which only a plugin can run;
    /// `nil` otherwise, sparing the command the loading of every plugin.
    func hostForFilter(of selection: CustomerSelection) -> ScriptHost? {
        selection.customFilter == nil ? nil : makeHost()
    }

    /// A host with every plugin loaded; broken plugins are reported on stderr and skipped.
    func makeHost() -> ScriptHost {
        let host = ScriptHost(limits: limits, logger: logger,
                              store: { try self.openStore() },
                              cardOrders: { try self.cardOrderService() },
                              grants: configuration.plugins.grants)
        // Native plugins first: a Lua plugin cannot take their names.
        host.registry.add(native: MassMailingPlugin(
            makeService: { [weak host] in
                guard let host else { throw CommandFailure("The plugin host is gone") }
                return try self.makeMailingService(host: host)
            },
            send: { [weak host] mailing in
                guard let host else { throw CommandFailure("The plugin host is gone") }
                return try await MailingSendCommand.send(mailing, service: try self.makeMailingService(host: host), environment: self)
            }))
        host.loadPlugins(from: pluginDirectories)
        return host
    }

    private static let bootstrap: Void = {
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label) }
    }()

    static func bootstrapLogging() { _ = bootstrap }
}

/// A command's failure: its one-line reason goes to stderr and the exit status is 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ParsableCommand {
    /// Runs `body`, turning any error into one line on stderr and exit status 1.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw Self.reported(error)
        }
    }

    /// `reportingFailures` for a command that waits for servers.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            throw Self.reported(error)
        }
    }

    private static func reported(_ error: any Error) -> any Error {
        if error is ExitCode { return error }
        if let script = error as? ScriptError, script.code == .scriptFailed {
            // `kassa run` promises exactly FILE:LINE: message, like lua5.4 itself.
            Output.plainError(script.message)
        } else {
            Output.error("\(error)")
        }
        return ExitCode.failure
    }
}

extension CommandEnvironment {
    /// The saved mailings, in the register's file.
    func openMailingStore() throws -> SQLiteMailingStore {
        try SQLiteMailingStore(customers: openStore(), logger: logger)
    }

    /// Runs `body` with the mailing service of a host with every plugin loaded; the host
    /// lives as long as `body` runs (Lua templates and filters need it).
    func withMailingService<T>(_ body: (MailingService) throws -> T) throws -> T {
        let host = makeHost()
        return try withExtendedLifetime(host) { try body(try makeMailingService(host: host)) }
    }

    /// `withMailingService` for a body that waits for servers.
    func withMailingService<T>(_ body: (MailingService) async throws -> T) async throws -> T {
        let host = makeHost()
        defer { withExtendedLifetime(host) {} }
        return try await body(try makeMailingService(host: host))
    }

    /// Mailings with `host`'s templates and filters, and the shop's SMS price. The caller
    /// keeps `host` alive while it uses the service.
    func makeMailingService(host: ScriptHost) throws -> MailingService {
        let customers = try openStore()
        let price = configuration.sms.pricePerSegment
        return MailingService(
            customers: customers, mailings: try SQLiteMailingStore(customers: customers, logger: logger),
            registry: host.registry, context: renderContext, meter: SMSAnalysisMeter(pricePerSegment: price > 0 ? price : nil))
    }
}

extension CommandEnvironment {
    /// What templates may show of the shop: its name and language from `[shop]`, and today.
    var renderContext: RenderContext {
        RenderContext(shop: configuration.shop, today: CalendarDate.today())
    }
}
