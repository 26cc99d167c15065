/// Why a plugin, or one thing it registers, was refused.
public struct PluginError: CodedError, Sendable, Hashable {
    /// The kind of failure. New codes may be added.
    public typealias Code = ErrorCode<PluginError>

    public var code: Code
    /// A sentence, without the location.
    public var message: String
    public var location: SourceLocation?

    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `plugins/acme.lua:12: filter "volvo" is already registered by plugin "cars" (plugins/cars.lua:3)`.
    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }
}

extension ErrorCode where Domain == PluginError {
    /// The plugin file does not compile.
    public static var syntax: Self { Self("syntax") }
    /// The plugin failed while loading (a runtime error or a limit).
    public static var load: Self { Self("load") }
    /// `kassa.plugin { ... }` lacks a field or has a bad one.
    public static var manifest: Self { Self("manifest") }
    /// A name is already taken by another plugin.
    public static var duplicate: Self { Self("duplicate") }
    /// A registration (`kassa.filter { ... }`, …) is malformed.
    public static var invalidDefinition: Self { Self("invalidDefinition") }
    /// The plugin needs a newer plugin API.
    public static var unsupportedAPI: Self { Self("unsupportedAPI") }
    /// A filter, template, menu or function of that name does not exist.
    public static var notFound: Self { Self("notFound") }
    /// A parameter value does not fit its declared type.
    public static var invalidParameter: Self { Self("invalidParameter") }
}
