/// Why a CSV file could not be read, decoded or written, with the place that is wrong.
///
/// `description` reads like a sentence that names the file, the line, the column and the
/// bad value, e.g. `customers.csv:17: column "Poäng": "12a" is not a whole number`.
/// Scripts compare `code`, which stays stable while messages may be reworded.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unreadableFile = "unreadable_file"
            case unsupportedEncoding = "unsupported_encoding"
            case invalidEncoding = "invalid_encoding"
            case unterminatedQuote = "unterminated_quote"
            case characterAfterQuote = "character_after_quote"
            case recordTooLong = "record_too_long"
            case wrongFieldCount = "wrong_field_count"
            case missingHeader = "missing_header"
            case duplicateColumn = "duplicate_column"
            case missingColumn = "missing_column"
            case invalidMapping = "invalid_mapping"
            case invalidValue = "invalid_value"
            case conflictingRows = "conflicting_rows"
            case unwritableFile = "unwritable_file"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file could not be opened or read.
        public static let unreadableFile = Code(.unreadableFile)
        /// The file is in an encoding Kassa does not read (UTF-16, UTF-32), or `--encoding` names none.
        public static let unsupportedEncoding = Code(.unsupportedEncoding)
        /// A field's bytes are not valid in the file's encoding (e.g. broken UTF-8).
        public static let invalidEncoding = Code(.invalidEncoding)
        /// A quoted field is never closed.
        public static let unterminatedQuote = Code(.unterminatedQuote)
        /// A closing quote is followed by something other than a separator or a line end.
        public static let characterAfterQuote = Code(.characterAfterQuote)
        /// A row is larger than the reader's `maximumRecordSize`.
        public static let recordTooLong = Code(.recordTooLong)
        /// A row has fewer (or more, non-empty) fields than the header.
        public static let wrongFieldCount = Code(.wrongFieldCount)
        /// The file has no header row, or a header cell is empty.
        public static let missingHeader = Code(.missingHeader)
        /// Two columns claim the same customer field, or a header repeats.
        public static let duplicateColumn = Code(.duplicateColumn)
        /// A required column (the customer number) is not in the file.
        public static let missingColumn = Code(.missingColumn)
        /// A `COLUMN=field` mapping is malformed or names an unknown column or field.
        public static let invalidMapping = Code(.invalidMapping)
        /// A value is not of its column's type (number, date, yes/no, e-mail, mobile, country).
        public static let invalidValue = Code(.invalidValue)
        /// Consecutive rows of one customer (one per vehicle) disagree about a customer field.
        public static let conflictingRows = Code(.conflictingRows)
        /// An export could not be written.
        public static let unwritableFile = Code(.unwritableFile)

        /// The stable snake_case name, e.g. `unterminated_quote`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// The file's name as given to the reader (`<data>` for bytes in memory).
    public let file: String
    /// The physical line (1-based) where the problem is, when it is in the file's content.
    public let line: Int?
    /// The column's number (1-based) in the row, when one column is at fault.
    public let column: Int?
    /// The column's header, when known.
    public let columnName: String?
    /// The bad value, as read.
    public let value: String?
    /// The reason, a sentence fragment without the place: `"12a" is not a whole number`.
    public let reason: String

    /// Creates an error; prefer the static helpers of the reader and decoder, which fill in the place.
    public init(
        _ code: Code,
        file: String,
        line: Int? = nil,
        column: Int? = nil,
        columnName: String? = nil,
        value: String? = nil,
        reason: String
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.value = value
        self.reason = reason
    }

    /// `file:line: column "Name": reason`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let columnName {
            text += "column \(CSVError.quoted(columnName)): "
        } else if let column {
            text += "column \(column): "
        }
        return text + reason
    }

    /// The same error with the column's header filled in, when the reader only knew its number.
    func naming(columns header: [String]) -> CSVError {
        guard columnName == nil, let column, column >= 1, column <= header.count else { return self }
        return CSVError(code, file: file, line: line, column: column, columnName: header[column - 1],
                        value: value, reason: reason)
    }

    /// A value quoted for a message: control characters made visible, long values shortened.
    static func quoted(_ value: String) -> String {
        var shown = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count == 60 {
                shown += "…"
                break
            }
            switch scalar {
            case "\"": shown += "\\\""
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    shown += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return "\"\(shown)\""
    }
}
