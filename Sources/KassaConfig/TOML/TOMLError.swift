/// A TOML document that could not be read: where, what kind of mistake, and a sentence
/// that names the bad thing.
///
/// `description` reads `kassa.toml:12:5: expected "=" after the key "name"`.
public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of mistake, stable across releases so callers can match on it.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidEncoding = "invalid encoding"
            case syntax
            case invalidString = "invalid string"
            case invalidNumber = "invalid number"
            case invalidDateTime = "invalid date-time"
            case duplicateKey = "duplicate key"
            case duplicateTable = "duplicate table"
            case tooDeeplyNested = "too deeply nested"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The document is not valid UTF-8.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// Something is missing or out of place: a key, `=`, a value, a bracket, a new line.
        public static let syntax = Code(.syntax)
        /// A string is not closed, holds a control character or a bad escape.
        public static let invalidString = Code(.invalidString)
        /// A number is malformed or does not fit in 64 bits.
        public static let invalidNumber = Code(.invalidNumber)
        /// A date or time is malformed or names a day or time that does not exist.
        public static let invalidDateTime = Code(.invalidDateTime)
        /// A key is given a value twice, or a value is used as a table.
        public static let duplicateKey = Code(.duplicateKey)
        /// A table is defined twice, or clashes with an array of tables or an inline table.
        public static let duplicateTable = Code(.duplicateTable)
        /// Tables and arrays are nested deeper than `TOMLParser.maximumNesting`.
        public static let tooDeeplyNested = Code(.tooDeeplyNested)

        /// A short stable name of the code, such as `duplicate key`.
        public var description: String { base.rawValue }
    }

    /// What kind of mistake it is.
    public let code: Code
    /// The file name given to the parser, as it should appear in messages.
    public let fileName: String
    /// Where the mistake is.
    public let location: TOMLLocation
    /// A sentence without the file and position, such as `expected "=" after the key "name"`.
    public let message: String

    /// An error at `location` of `fileName`.
    public init(code: Code, fileName: String, location: TOMLLocation, message: String) {
        self.code = code
        self.fileName = fileName
        self.location = location
        self.message = message
    }

    /// The line of the mistake, starting at 1.
    public var line: Int { location.line }
    /// The column of the mistake, starting at 1.
    public var column: Int { location.column }

    /// `file:line:column: message`.
    public var description: String { "\(fileName):\(location.line):\(location.column): \(message)" }
}
