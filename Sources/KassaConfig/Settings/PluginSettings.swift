/// `[plugins]`: where to look for plugins besides the built-in `plugins/` folder, and what
/// the shop grants each plugin (`[plugins.NAME] allow = [...]`).
public struct PluginSettings: Sendable, Hashable {
    /// Extra plugin folders, as absolute paths once loaded (`dirs`, relative to the
    /// configuration file's folder). Default none.
    public var directories: [String]
    /// The permissions granted to each plugin, by the plugin's name (`allow` under
    /// `[plugins.NAME]`). Only known permissions are kept; a plugin also needs the permission
    /// in its own manifest. Default none.
    public var grants: [String: Set<String>]

    /// Settings with `directories` and `grants` taken as given.
    public init(directories: [String] = [], grants: [String: Set<String>] = [:]) {
        self.directories = directories
        self.grants = grants
    }
}
