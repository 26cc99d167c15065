/// A failure of a script or plugin while it runs (as opposed to while it loads: `PluginError`).
public struct ScriptError: Error, CustomStringConvertible {
    /// What failed. New codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable { case filterFailed, actionFailed, templateFailed, scriptFailed, fileUnreadable }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let filterFailed = Code(.filterFailed)
        public static let actionFailed = Code(.actionFailed)
        public static let templateFailed = Code(.templateFailed)
        /// `kassa run FILE.lua` failed: the message is `FILE:LINE: message`.
        public static let scriptFailed = Code(.scriptFailed)
        public static let fileUnreadable = Code(.fileUnreadable)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    /// The Lua error behind it, if any.
    public var underlying: Error?

    public init(_ code: Code, _ message: String, underlying: Error? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
