/// Why a mail message could not be encoded.
///
/// `code` is stable for programs; `message` is a sentence for people that names the bad
/// value. Codes may be added; switch over them with a `default`.
public struct MIMEError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The stable identifier, e.g. `"invalid_address"`.
        public var rawValue: String
        /// A code from its identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The identifier.
        public var description: String { rawValue }

        /// An address that is not `local@domain`, or a display name with a line break.
        public static let invalidAddress = Code(rawValue: "invalid_address")
        /// A message without any `To` address.
        public static let noRecipients = Code(rawValue: "no_recipients")
        /// An extra header with a bad name or value, or one the encoder writes itself.
        public static let invalidHeader = Code(rawValue: "invalid_header")
        /// An attachment with an empty or unusable file name or content type.
        public static let invalidAttachment = Code(rawValue: "invalid_attachment")
        /// A List-Unsubscribe that is not an https URL or a mailto address, or one-click
        /// without an https URL.
        public static let invalidListUnsubscribe = Code(rawValue: "invalid_list_unsubscribe")
        /// A header that cannot be folded into lines of at most 998 octets.
        public static let lineTooLong = Code(rawValue: "line_too_long")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence that names the bad value.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// `text` quoted for a message, on one line.
    static func quoted(_ text: some StringProtocol) -> String {
        SMTPError.quoted(text)
    }
}
