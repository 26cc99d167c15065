/// What a plugin says about itself (`kassa.plugin { ... }` in Lua, `NativePlugin.manifest` in Swift).
public struct PluginManifest: Sendable, Hashable, Codable {
    /// The plugin API version this Kassa provides.
    public static let currentAPI = 1

    public var name: String
    public var version: String
    /// The plugin API the plugin was written for.
    public var api: Int
    /// Capabilities the plugin asks the host for (`"sms.send"`); granted by the host's API only.
    public var permissions: [String]

    public init(name: String, version: String, api: Int = PluginManifest.currentAPI, permissions: [String] = []) {
        self.name = name
        self.version = version
        self.api = api
        self.permissions = permissions
    }
}

/// Where something was defined: a Lua file and line, or a native plugin.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `plugins/acme.lua:12`.
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}
