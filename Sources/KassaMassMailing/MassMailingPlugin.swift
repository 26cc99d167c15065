import KassaCore

/// The native plugin of the mass-mailing flow: the `UtskickUtskrift2` menu (001) and a
/// "Massutskick" button that opens it.
public struct MassMailingPlugin: NativePlugin {
    /// Makes the mailing service when the menu first needs it, so that listing plugins or
    /// pressing another button never opens the database.
    public let makeService: () throws -> MailingService
    /// Sends a saved mailing (the program's transports and pace); `nil` where the menu can
    /// only prepare mailings.
    public let send: ((Mailing) async throws -> SendReport)?

    public init(makeService: @escaping () throws -> MailingService, send: ((Mailing) async throws -> SendReport)? = nil) {
        self.makeService = makeService
        self.send = send
    }

    public var manifest: PluginManifest {
        PluginManifest(name: "mass-mailing", version: "1.0.0", api: 1)
    }

    public func registrations() throws -> Registrations {
        var registrations = Registrations()
        registrations.actions.append(ActionDefinition(
            kind: .menu, name: UtskickUtskrift2Menu.name, title: UtskickUtskrift2Menu.title, plugin: manifest.name,
            implementation: UtskickUtskrift2Menu(makeService: makeService, send: send)))
        registrations.buttons.append(ButtonDefinition(
            label: "Massutskick", macro: "##MENU#\(UtskickUtskrift2Menu.name)#¤", plugin: manifest.name))
        return registrations
    }
}
