/// The message of a mailing: a registered template, or a text and an HTML body written for it.
///
/// Exactly one source of the body is chosen: `template`, or `text` and/or `html`. A text and
/// an HTML body are placeholder templates (`Hej #FORNAMN#!`), checked when the mailing is
/// saved. An HTML body read from a file (`--html FILE`) is kept here whole, as it was when
/// the mailing was saved, so the message sent is the message previewed; `htmlFile` only
/// records where it came from.
public struct MailingContent: Sendable, Hashable, Codable {
    /// The name of a template registered by a plugin (`kassa.template`).
    public var template: String?
    /// The text (SMS text, or the plain-text part of an e-mail).
    public var text: String?
    /// The e-mail subject; may hold placeholders. A template may bring its own.
    public var subject: String?
    /// The HTML part of an e-mail.
    public var html: String?
    /// The file the HTML part was read from, for display.
    public var htmlFile: String?

    public init(template: String? = nil, text: String? = nil, subject: String? = nil, html: String? = nil,
                htmlFile: String? = nil) {
        self.template = template
        self.text = text
        self.subject = subject
        self.html = html
        self.htmlFile = htmlFile
    }
}
