/// The release of Kassa, the one place it is written: `kassa --version` prints it, and
/// every other front end (the web back-office) and plugin-facing API reads it from here,
/// so that the core, not the executable, says what it is.
public enum KassaVersion {
    /// Semantic version of this build, e.g. `0.1.0`.
    public static let current = "0.1.0"

    /// `0.1.0 (plugin API 1)`: the release and the plugin API it provides.
    public static var description: String { "\(current) (plugin API \(PluginManifest.currentAPI))" }
}
