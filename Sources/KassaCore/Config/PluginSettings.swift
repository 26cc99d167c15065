/// `[plugins]`: where to look for plugins besides the built-in `plugins/` folder.
public struct PluginSettings: Sendable, Hashable {
    /// Extra plugin folders, as absolute paths once loaded (`dirs`, relative to the
    /// configuration file's folder). Default none.
    public var directories: [String]

    /// Settings with `directories` taken as given.
    public init(directories: [String] = []) {
        self.directories = directories
    }
}
