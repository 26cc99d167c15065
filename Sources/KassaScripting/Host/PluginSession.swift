import KassaCore
import Lua

/// What one plugin (or one `kassa run` script) declares while it loads.
final class PluginSession {
    let path: String
    var manifest: PluginManifest?
    var registrations = Registrations()
    /// The first registration that was refused. It fails the plugin even if the script caught
    /// the error with `pcall`: a half-registered plugin is worse than none.
    var firstError: PluginError?

    init(path: String) {
        self.path = path
    }

    var pluginName: String { manifest?.name ?? PluginRecord.stem(of: path) }

    /// The file as the user named it when `chunk` is this plugin's own file: Lua shortens
    /// chunk names over 60 bytes to "...tail".
    func file(forChunk chunk: String?) -> String {
        guard let chunk else { return path }
        if chunk.hasPrefix("..."), path.hasSuffix(chunk.dropFirst(3)) { return path }
        return chunk
    }

    func refuse(_ error: PluginError) -> PluginError {
        if firstError == nil { firstError = error }
        return error
    }
}
