import KassaCore

/// A failure of a script or plugin while it runs (as opposed to while it loads: `PluginError`).
public struct ScriptError: CodedError {
    /// What failed. New codes may be added.
    public typealias Code = ErrorCode<ScriptError>

    public var code: Code
    public var message: String
    /// The Lua error behind it, if any.
    public var underlying: Error?

    public init(_ code: Code, _ message: String, underlying: Error? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }
}

extension ErrorCode where Domain == ScriptError {
    public static var filterFailed: Self { Self("filterFailed") }
    public static var actionFailed: Self { Self("actionFailed") }
    public static var templateFailed: Self { Self("templateFailed") }
    /// `kassa run FILE.lua` failed: the message is `FILE:LINE: message`.
    public static var scriptFailed: Self { Self("scriptFailed") }
    public static var fileUnreadable: Self { Self("fileUnreadable") }
}
