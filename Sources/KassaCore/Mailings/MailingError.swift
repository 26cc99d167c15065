/// Why a mailing could not be saved, found, composed or previewed.
///
/// `code` is stable for programs; `message` is a sentence for people that names the
/// mailing, template or customer at fault. Codes may be added; switch with a `default`.
public struct MailingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No mailing has this number or name.
        public static let unknownMailing = Code(rawValue: "unknown_mailing")
        /// Another mailing already has this name.
        public static let duplicateName = Code(rawValue: "duplicate_name")
        /// The content is missing, contradictory or unfit for the channel.
        public static let invalidContent = Code(rawValue: "invalid_content")
        /// The named template is not registered, or is for the other channel.
        public static let unknownTemplate = Code(rawValue: "unknown_template")
        /// The mailing is past the draft stage and cannot change.
        public static let notEditable = Code(rawValue: "not_editable")
        /// Some of the mailing's messages cannot be rendered, so it is not sent.
        public static let unrenderable = Code(rawValue: "unrenderable")
        /// Another process is sending the mailing.
        public static let busy = Code(rawValue: "busy")
        /// The database could not be read or written.
        public static let database = Code(rawValue: "database")
    }

    public let code: Code
    /// A sentence naming the thing at fault.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
