import Foundation
import KassaConfig
import KassaCore
import Logging
import Lua

/// One shop opened from its settings: the composition root that every front end (the
/// command line, a server, a macro button, a native plugin) reaches the use cases through.
///
/// ```swift
/// let shop = try Shop(location: ShopLocation(database: "kassa.sqlite"), logger: logger)
/// let report = try await shop.send(shop.mailings().mailing("1"))
/// ```
///
/// `Shop` wires the register and the other stores (SQLite, the embedded default), the plugin
/// host with the native plugins, and the transports and providers that `kassa.toml`
/// configures. It opens nothing until a use case needs it: listing buttons never opens the
/// register, a plain selection never loads plugins.
public final class Shop {
    /// Where the shop's files are.
    public let location: ShopLocation
    /// The settings of `kassa.toml`.
    public let configuration: KassaConfiguration
    /// Where the shop's work is logged.
    public let logger: Logger
    /// Makes the watcher of a send that its caller did not give one: the sends of the native
    /// mass-mailing menu. The command line draws a progress bar; by default nobody watches.
    public var makeSendObserver: () -> (any SendProgressObserver)? = { nil }

    /// Opens the shop at `location`: reads its configuration and checks its plugin folders.
    /// Warnings of the configuration (an unknown key) go to `logger`.
    ///
    /// - Throws: `ShopError` `.noConfigurationFile`, `.invalidConfiguration` (with file:line),
    ///   `.noPluginFolder`.
    public init(location: ShopLocation, logger: Logger) throws(ShopError) {
        self.location = location
        self.logger = logger
        let manager = FileManager.default
        if let path = location.configuration {
            guard manager.fileExists(atPath: path) else {
                throw ShopError(.noConfigurationFile, "Configuration file \"\(path)\" does not exist")
            }
            configuration = try Self.load(path)
        } else if manager.fileExists(atPath: "kassa.toml") {
            configuration = try Self.load("kassa.toml")
        } else {
            configuration = KassaConfiguration(baseDirectory: manager.currentDirectoryPath)
        }
        for warning in configuration.warnings { logger.warning("\(warning)") }
        for directory in location.pluginDirectories {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
                throw ShopError(.noPluginFolder, "Plugin folder \"\(directory)\" does not exist")
            }
        }
    }

    private static func load(_ path: String) throws(ShopError) -> KassaConfiguration {
        do {
            return try KassaConfiguration.load(from: path)
        } catch {
            throw ShopError(.invalidConfiguration, "\(error)")
        }
    }

    /// Shipped plugins (`./plugins`), then `[plugins] dirs`, then the location's folders.
    public var pluginDirectories: [String] {
        ["plugins"] + configuration.plugins.directories + location.pluginDirectories
    }

    /// The per-call budget of plugins, from `[limits]`.
    public var limits: LuaLimits {
        LuaLimits(timeout: configuration.limits.scriptTimeout, memory: configuration.limits.scriptMemoryBytes)
    }

    /// What templates may show of the shop: its name and language from `[shop]`, and today.
    public var renderContext: RenderContext {
        RenderContext(shop: configuration.shop, today: CalendarDate.today())
    }
}
