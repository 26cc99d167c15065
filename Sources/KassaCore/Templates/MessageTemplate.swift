/// A message for one channel: an SMS text, or an e-mail's subject with a text body, an HTML
/// body or both, each a `PlaceholderTemplate` sharing one name and one set of fallbacks.
///
/// Every part is compiled and checked at `init`, so a saved or previewed template is known to
/// render; `render` then gives each customer's `RenderedMessage`.
public struct MessageTemplate: Sendable {
    /// A part of a message.
    public enum Part: String, Sendable, Hashable, Codable, CaseIterable {
        /// The e-mail subject: one line of text.
        case subject
        /// The SMS, or the e-mail's text body.
        case text
        /// The e-mail's HTML body; inserted values are HTML-escaped.
        case html
    }

    /// The template's name (`kassa.template { name = "birthday" }`).
    public let name: String
    /// Where the message goes.
    public let channel: Channel
    /// The e-mail subject (`.text` format), if any.
    public let subject: PlaceholderTemplate?
    /// The SMS, or the e-mail's text body (`.text` format), if any.
    public let text: PlaceholderTemplate?
    /// The e-mail's HTML body (`.html` format), if any.
    public let html: PlaceholderTemplate?

    /// Compiles the parts of a message. An empty string counts as a part not given.
    ///
    /// - Parameters:
    ///   - name: The template's name, for error messages.
    ///   - channel: `.sms` takes only `text`; `.email` takes a `subject` and `text`, `html` or both.
    ///   - fallbacks: Default fallbacks by placeholder name, for every part (see `PlaceholderTemplate`).
    ///   - catalog: The placeholders the parts may use.
    /// - Throws: `TemplateError` for a part the channel does not have, a missing body, a
    ///   subject on several lines, or the first mistake in a part (the error names the part).
    public init(
        name: String,
        channel: Channel,
        subject: String? = nil,
        text: String? = nil,
        html: String? = nil,
        fallbacks: [String: String] = [:],
        catalog: PlaceholderCatalog = .standard
    ) throws(TemplateError) {
        let subject = subject.flatMap { $0.isEmpty ? nil : $0 }
        let text = text.flatMap { $0.isEmpty ? nil : $0 }
        let html = html.flatMap { $0.isEmpty ? nil : $0 }
        switch channel {
        case .sms:
            if subject != nil { throw TemplateError(.partNotAllowed(.subject, .sms), template: name) }
            if html != nil { throw TemplateError(.partNotAllowed(.html, .sms), template: name) }
            if text == nil { throw TemplateError(.missingBody(.sms), template: name) }
        case .email:
            if text == nil, html == nil { throw TemplateError(.missingBody(.email), template: name) }
        }
        if let subject, let lineBreak = subject.firstIndex(where: \.isNewline) {
            throw TemplateError(.lineBreakInSubject, template: name, line: 1,
                                column: subject.distance(from: subject.startIndex, to: lineBreak) + 1).inPart(.subject)
        }

        func compile(_ source: String?, _ part: Part, _ format: TemplateFormat) throws(TemplateError) -> PlaceholderTemplate? {
            guard let source else { return nil }
            do {
                return try PlaceholderTemplate(source, name: name, format: format, fallbacks: fallbacks, catalog: catalog)
            } catch {
                throw error.inPart(part)
            }
        }
        self.name = name
        self.channel = channel
        self.subject = try compile(subject, .subject, .text)
        self.text = try compile(text, .text, .text)
        self.html = try compile(html, .html, .html)
    }

    /// Every token of every part, subject first, then text, then HTML: what the preview lists.
    public var placeholders: [PlaceholderUse] {
        (subject?.placeholders ?? []) + (text?.placeholders ?? []) + (html?.placeholders ?? [])
    }

    /// The message for `customer`.
    ///
    /// Line breaks that a value brings into the subject become spaces: a subject is one
    /// header line.
    ///
    /// - Throws: `TemplateError` (`.missingValue`) naming the customer, the part and the token.
    public func render(_ customer: Customer, context: RenderContext) throws(TemplateError) -> RenderedMessage {
        func render(_ template: PlaceholderTemplate?, _ part: Part) throws(TemplateError) -> String? {
            guard let template else { return nil }
            do {
                return try template.render(customer, context: context)
            } catch {
                throw error.inPart(part)
            }
        }
        return RenderedMessage(
            text: try render(text, .text),
            subject: try render(subject, .subject).map(Self.oneLine),
            html: try render(html, .html)
        )
    }

    /// `text` with each line break (CR, LF, CRLF or any other) replaced by one space.
    private static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return String(text.map { $0.isNewline ? " " : $0 })
    }
}
