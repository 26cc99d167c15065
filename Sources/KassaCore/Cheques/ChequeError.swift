/// Why value cheques cannot be worked out or written: a bad `[cheques]` rule, a customer the
/// voucher service cannot reach, or a voucher file name the service would refuse.
///
/// `code` is stable for programs; `message` is a sentence for people that quotes the bad
/// value. Codes may be added; switch over them with a `default`.
public struct ChequeError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure. For file names, the code is the rule broken.
    public typealias Code = ErrorCode<ChequeError>

    /// What kind of failure this is.
    public let code: Code
    /// A sentence naming the setting, customer or file name and quoting the bad value.
    public let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        // Every message is a sentence; the period is added here so no call site forgets it.
        self.message = message.hasSuffix(".") ? message : message + "."
    }

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

extension ErrorCode where Domain == ChequeError {
    /// A setting cheques need is not in `kassa.toml`; the message names every one
    /// missing. Nothing is paid out on an invented rule or currency.
    public static var notConfigured: Self { Self("not_configured") }
    /// `points_per_cheque` is below 1.
    public static var invalidPointsPerCheque: Self { Self("invalid_points_per_cheque") }
    /// `cheque_value` is not above 0 or has more than two decimals.
    public static var invalidChequeValue: Self { Self("invalid_cheque_value") }
    /// The customer has no e-mail address, so the voucher service cannot send the cheque.
    public static var missingEmail: Self { Self("missing_email") }
    /// An award was paired with a customer it was not worked out for.
    public static var mismatchedAward: Self { Self("mismatched_award") }
    /// The file name is empty, or nothing comes before the extension.
    public static var fileNameEmpty: Self { Self("file_name_empty") }
    /// The file name contains `/` or `\`: it must be a name, not a path.
    public static var fileNamePath: Self { Self("file_name_path") }
    /// The file name does not end in `.CSV` (or `.csv`).
    public static var fileNameExtension: Self { Self("file_name_extension") }
    /// More than 8 characters before the extension.
    public static var fileNameTooLong: Self { Self("file_name_too_long") }
    /// A space before the extension.
    public static var fileNameSpace: Self { Self("file_name_space") }
    /// A comma before the extension.
    public static var fileNameComma: Self { Self("file_name_comma") }
    /// A dot before the extension.
    public static var fileNameDot: Self { Self("file_name_dot") }
    /// A letter with an accent or from outside A–Z (é, ü, å, ß).
    public static var fileNameAccent: Self { Self("file_name_accent") }
    /// Any other character outside A–Z, a–z, 0–9, `_` and `-`.
    public static var fileNameCharacter: Self { Self("file_name_character") }
    /// A voucher file of that name is already in the folder; it was left as it is and
    /// nothing was paid out.
    public static var fileExists: Self { Self("file_exists") }
    /// The voucher file could not be written; nothing was paid out.
    public static var writeFailed: Self { Self("write_failed") }
    /// The cheques were paid out and recorded, but their file could not be given its
    /// name; the batch stays `pending` until `kassa cheques issue` completes it.
    public static var publishFailed: Self { Self("publish_failed") }
    /// A pending batch could not be completed, so no new run starts.
    public static var pendingBatch: Self { Self("pending_batch") }
    /// The cheque tables could not be created, read or written.
    public static var database: Self { Self("database") }
}
