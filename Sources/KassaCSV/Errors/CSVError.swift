import KassaCore

/// Why a CSV file could not be read, decoded or written, with the place that is wrong.
///
/// `description` reads like a sentence that names the file, the line, the column and the
/// bad value, e.g. `customers.csv:17: column "Poäng": "12a" is not a whole number`.
/// Scripts compare `code`, which stays stable while messages may be reworded.
public struct CSVError: CodedError, Sendable, Hashable {
    /// What kind of problem this is.
    public typealias Code = ErrorCode<CSVError>

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

    /// `file:line: column "Name": reason`, leaving out what is unknown; also the `description`.
    public var message: String {
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

extension ErrorCode where Domain == CSVError {
    /// The file could not be opened or read.
    public static var unreadableFile: Self { Self("unreadable_file") }
    /// The file is in an encoding Kassa does not read (UTF-16, UTF-32), or `--encoding` names none.
    public static var unsupportedEncoding: Self { Self("unsupported_encoding") }
    /// A field's bytes are not valid in the file's encoding (e.g. broken UTF-8).
    public static var invalidEncoding: Self { Self("invalid_encoding") }
    /// A quoted field is never closed.
    public static var unterminatedQuote: Self { Self("unterminated_quote") }
    /// A closing quote is followed by something other than a separator or a line end.
    public static var characterAfterQuote: Self { Self("character_after_quote") }
    /// A row is larger than the reader's `maximumRecordSize`.
    public static var recordTooLong: Self { Self("record_too_long") }
    /// A row has fewer (or more, non-empty) fields than the header.
    public static var wrongFieldCount: Self { Self("wrong_field_count") }
    /// The file has no header row, or a header cell is empty.
    public static var missingHeader: Self { Self("missing_header") }
    /// Two columns claim the same customer field, or a header repeats.
    public static var duplicateColumn: Self { Self("duplicate_column") }
    /// A required column (the customer number) is not in the file.
    public static var missingColumn: Self { Self("missing_column") }
    /// A `COLUMN=field` mapping is malformed or names an unknown column or field.
    public static var invalidMapping: Self { Self("invalid_mapping") }
    /// A value is not of its column's type (number, date, yes/no, e-mail, mobile, country).
    public static var invalidValue: Self { Self("invalid_value") }
    /// Consecutive rows of one customer (one per vehicle) disagree about a customer field.
    public static var conflictingRows: Self { Self("conflicting_rows") }
    /// An export could not be written.
    public static var unwritableFile: Self { Self("unwritable_file") }
}
