/// An e-mail as Kassa composes it: addresses, subject, a text and/or HTML body,
/// attachments, and for marketing mail an unsubscribe link.
///
/// `MIMEEncoder` turns it into the bytes sent after DATA.
public struct MailMessage: Sendable, Hashable {
    /// The author (`[smtp] from`), also the envelope sender.
    public var from: MailAddress
    /// The recipients; Kassa sends one message per customer, so usually one.
    public var to: [MailAddress]
    /// Where replies go, when not to `from`.
    public var replyTo: MailAddress?
    /// The subject, any text.
    public var subject: String
    /// The plain-text body.
    public var text: String?
    /// The HTML body; with `text` the message is `multipart/alternative`.
    public var html: String?
    /// Files attached; with any, the message is `multipart/mixed`.
    public var attachments: [MailAttachment]
    /// Further header fields.
    public var headers: [MailHeader]
    /// The unsubscribe link of a marketing mailing.
    public var listUnsubscribe: ListUnsubscribe?

    /// A message; give at least one of `text` and `html` (without either the body is empty
    /// plain text).
    public init(
        from: MailAddress,
        to: [MailAddress],
        replyTo: MailAddress? = nil,
        subject: String,
        text: String? = nil,
        html: String? = nil,
        attachments: [MailAttachment] = [],
        headers: [MailHeader] = [],
        listUnsubscribe: ListUnsubscribe? = nil
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.headers = headers
        self.listUnsubscribe = listUnsubscribe
    }
}
