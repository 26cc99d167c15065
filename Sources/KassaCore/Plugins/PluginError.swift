/// Why a plugin, or one thing it registers, was refused.
public struct PluginError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure. New codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case syntax, load, manifest, duplicate, invalidDefinition, unsupportedAPI, notFound, invalidParameter
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The plugin file does not compile.
        public static let syntax = Code(.syntax)
        /// The plugin failed while loading (a runtime error or a limit).
        public static let load = Code(.load)
        /// `kassa.plugin { ... }` lacks a field or has a bad one.
        public static let manifest = Code(.manifest)
        /// A name is already taken by another plugin.
        public static let duplicate = Code(.duplicate)
        /// A registration (`kassa.filter { ... }`, …) is malformed.
        public static let invalidDefinition = Code(.invalidDefinition)
        /// The plugin needs a newer plugin API.
        public static let unsupportedAPI = Code(.unsupportedAPI)
        /// A filter, template, menu or function of that name does not exist.
        public static let notFound = Code(.notFound)
        /// A parameter value does not fit its declared type.
        public static let invalidParameter = Code(.invalidParameter)

        public var description: String { base.rawValue }
    }

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
