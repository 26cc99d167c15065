/// A configuration Kassa cannot use: the file, the line, the key, and a sentence that
/// names the bad value.
///
/// `description` reads `kassa.toml:7: [limits] script_timeout must be a positive number
/// of seconds, not "fast"`.
public struct KassaConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, stable across releases so callers can match on it.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unreadableFile = "unreadable file"
            case invalidTOML = "invalid TOML"
            case wrongType = "wrong type"
            case invalidValue = "invalid value"
            case missingValue = "missing value"
            case passwordInFile = "password in file"
            case missingEnvironmentVariable = "missing environment variable"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file does not exist or cannot be read.
        public static let unreadableFile = Code(.unreadableFile)
        /// The file is not valid TOML; `column` says where.
        public static let invalidTOML = Code(.invalidTOML)
        /// A value has the wrong type: text where a number belongs, a number for a table.
        public static let wrongType = Code(.wrongType)
        /// A value has the right type but is out of range or unknown: a negative timeout,
        /// an unknown TLS mode, a day that does not exist.
        public static let invalidValue = Code(.invalidValue)
        /// A setting needs another one that is missing: a template without a name,
        /// `dkim_selector` without `dkim_key`, a Kannel provider without a url.
        public static let missingValue = Code(.missingValue)
        /// A password is written in the file; it belongs in an environment variable.
        public static let passwordInFile = Code(.passwordInFile)
        /// `password_env` names an environment variable that is not set.
        public static let missingEnvironmentVariable = Code(.missingEnvironmentVariable)

        /// A short stable name of the code, such as `wrong type`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem it is.
    public let code: Code
    /// The configuration file as it was named, if the problem is in a file.
    public let fileName: String?
    /// The line of the bad value, starting at 1.
    public let line: Int?
    /// The column, for TOML syntax errors.
    public let column: Int?
    /// The dotted path of the bad key, such as `limits.script_timeout`.
    public let key: String?
    /// A sentence without the file and line, such as
    /// `[limits] script_timeout must be a positive number of seconds, not "fast"`.
    public let message: String

    /// An error from its parts.
    public init(code: Code, fileName: String?, line: Int?, column: Int? = nil, key: String?, message: String) {
        self.code = code
        self.fileName = fileName
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `file:line: message`, `file:line:column: message` for syntax errors, or the
    /// message alone when no file is involved.
    public var description: String {
        guard let fileName else { return message }
        var place = fileName
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(message)"
    }
}
