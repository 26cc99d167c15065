/// Why value cheques cannot be worked out or written: a bad `[cheques]` rule, a customer the
/// voucher service cannot reach, or a voucher file name the service would refuse.
///
/// `code` is stable for programs; `message` is a sentence for people that quotes the bad
/// value. Codes may be added; switch over them with a `default`.
public struct ChequeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the kind of failure. For file names, the code is the rule broken.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A setting cheques need is not in `kassa.toml`; the message names every one
        /// missing. Nothing is paid out on an invented rule or currency.
        public static let notConfigured = Code(rawValue: "not_configured")
        /// `points_per_cheque` is below 1.
        public static let invalidPointsPerCheque = Code(rawValue: "invalid_points_per_cheque")
        /// `cheque_value` is not above 0 or has more than two decimals.
        public static let invalidChequeValue = Code(rawValue: "invalid_cheque_value")
        /// The customer has no e-mail address, so the voucher service cannot send the cheque.
        public static let missingEmail = Code(rawValue: "missing_email")
        /// An award was paired with a customer it was not worked out for.
        public static let mismatchedAward = Code(rawValue: "mismatched_award")
        /// The file name is empty, or nothing comes before the extension.
        public static let fileNameEmpty = Code(rawValue: "file_name_empty")
        /// The file name contains `/` or `\`: it must be a name, not a path.
        public static let fileNamePath = Code(rawValue: "file_name_path")
        /// The file name does not end in `.CSV` (or `.csv`).
        public static let fileNameExtension = Code(rawValue: "file_name_extension")
        /// More than 8 characters before the extension.
        public static let fileNameTooLong = Code(rawValue: "file_name_too_long")
        /// A space before the extension.
        public static let fileNameSpace = Code(rawValue: "file_name_space")
        /// A comma before the extension.
        public static let fileNameComma = Code(rawValue: "file_name_comma")
        /// A dot before the extension.
        public static let fileNameDot = Code(rawValue: "file_name_dot")
        /// A letter with an accent or from outside A–Z (é, ü, å, ß).
        public static let fileNameAccent = Code(rawValue: "file_name_accent")
        /// Any other character outside A–Z, a–z, 0–9, `_` and `-`.
        public static let fileNameCharacter = Code(rawValue: "file_name_character")
        /// A voucher file of that name is already in the folder; it was left as it is and
        /// nothing was paid out.
        public static let fileExists = Code(rawValue: "file_exists")
        /// The voucher file could not be written; nothing was paid out.
        public static let writeFailed = Code(rawValue: "write_failed")
        /// The cheques were paid out and recorded, but their file could not be given its
        /// name; the batch stays `pending` until `kassa cheques issue` completes it.
        public static let publishFailed = Code(rawValue: "publish_failed")
        /// A pending batch could not be completed, so no new run starts.
        public static let pendingBatch = Code(rawValue: "pending_batch")
        /// The cheque tables could not be created, read or written.
        public static let database = Code(rawValue: "database")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence naming the setting, customer or file name and quoting the bad value.
    public let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        // Every message is a sentence; the period is added here so no call site forgets it.
        self.message = message.hasSuffix(".") ? message : message + "."
    }

    public var description: String { message }

    /// `text` in double quotes with `"` and `\` escaped, so spaces and empty values show.
    package static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
