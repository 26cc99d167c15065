import KassaCore

/// Why a mail message could not be encoded.
///
/// `code` is stable for programs; `message` is a sentence for people that names the bad
/// value. Codes may be added; switch over them with a `default`.
public struct MIMEError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure.
    public typealias Code = ErrorCode<MIMEError>

    /// What kind of failure this is.
    public let code: Code
    /// A sentence that names the bad value.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `text` quoted for a message, on one line.
    static func quoted(_ text: some StringProtocol) -> String {
        SMTPError.quoted(text)
    }
}

extension ErrorCode where Domain == MIMEError {
    /// An address that is not `local@domain`, or a display name with a line break.
    public static var invalidAddress: Self { Self("invalid_address") }
    /// A message without any `To` address.
    public static var noRecipients: Self { Self("no_recipients") }
    /// An extra header with a bad name or value, or one the encoder writes itself.
    public static var invalidHeader: Self { Self("invalid_header") }
    /// An attachment with an empty or unusable file name or content type.
    public static var invalidAttachment: Self { Self("invalid_attachment") }
    /// A List-Unsubscribe that is not an https URL or a mailto address, or one-click
    /// without an https URL.
    public static var invalidListUnsubscribe: Self { Self("invalid_list_unsubscribe") }
    /// A header that cannot be folded into lines of at most 998 octets.
    public static var lineTooLong: Self { Self("line_too_long") }
}
