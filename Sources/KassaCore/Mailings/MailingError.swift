/// Why a mailing could not be saved, found, composed or previewed.
///
/// `code` is stable for programs; `message` is a sentence for people that names the
/// mailing, template or customer at fault. Codes may be added; switch with a `default`.
public struct MailingError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure.
    public typealias Code = ErrorCode<MailingError>

    public let code: Code
    /// A sentence naming the thing at fault.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorCode where Domain == MailingError {
    /// No mailing has this number or name.
    public static var unknownMailing: Self { Self("unknown_mailing") }
    /// Another mailing already has this name.
    public static var duplicateName: Self { Self("duplicate_name") }
    /// The content is missing, contradictory or unfit for the channel.
    public static var invalidContent: Self { Self("invalid_content") }
    /// The named template is not registered, or is for the other channel.
    public static var unknownTemplate: Self { Self("unknown_template") }
    /// The mailing is past the draft stage and cannot change.
    public static var notEditable: Self { Self("not_editable") }
    /// Some of the mailing's messages cannot be rendered, so it is not sent.
    public static var unrenderable: Self { Self("unrenderable") }
    /// Another process is sending the mailing.
    public static var busy: Self { Self("busy") }
    /// The database could not be read or written.
    public static var database: Self { Self("database") }
}
