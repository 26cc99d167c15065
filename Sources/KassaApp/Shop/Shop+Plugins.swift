import KassaCore
import KassaMassMailing
import KassaScripting

extension Shop {
    /// A host with every plugin loaded: the native ones first (a Lua plugin cannot take
    /// their names), then the Lua plugins of `pluginDirectories`. A broken plugin is logged
    /// and skipped.
    ///
    /// The native mass-mailing menu reaches its use cases through this shop: it prepares
    /// mailings with `mailingService(host:)` and sends them with `send(_:)`.
    public func makeHost() -> ScriptHost {
        let host = ScriptHost(limits: limits, logger: logger,
                              store: { try self.customers() },
                              cardOrders: { try self.cardOrderService() },
                              grants: configuration.plugins.grants)
        host.registry.add(native: MassMailingPlugin(
            makeService: { [weak host] in
                guard let host else { throw ShopError(.hostClosed, "The plugin host of this shop is gone; open the shop again") }
                return try self.mailingService(host: host)
            },
            send: { [weak host] mailing in
                guard let host else { throw ShopError(.hostClosed, "The plugin host of this shop is gone; open the shop again") }
                return try await self.send(mailing, service: try self.mailingService(host: host))
            }))
        host.loadPlugins(from: pluginDirectories)
        return host
    }

    /// The plugin host when `selection` names a custom filter, which only a plugin can run;
    /// `nil` otherwise, sparing the use case the loading of every plugin.
    public func hostForFilter(of selection: CustomerSelection) -> ScriptHost? {
        selection.customFilter == nil ? nil : makeHost()
    }
}
