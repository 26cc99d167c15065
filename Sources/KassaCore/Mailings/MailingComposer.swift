/// A mailing's content made ready to render: a placeholder template compiled and checked,
/// or a plugin's Lua `render` function found.
///
/// Where the message comes from:
/// - `content.template`: a template a plugin registered (`kassa.template`) for the
///   mailing's channel. A placeholder template renders its `text`/`subject`/`html`; a
///   template with a `render` function is called per customer. `content.subject`, when
///   given, replaces the template's subject.
/// - otherwise `content.text`, `content.html` and `content.subject`, compiled as placeholder
///   templates (`Hej #FORNAMN#!`) under the name "mailing text".
///
/// Everything that can be checked without a customer is checked here, so that saving or
/// previewing a mailing fails early with the template, token and line named. An e-mail
/// without any subject is refused here, or, when only a Lua render could give one, for the
/// customer it gave none.
public struct MailingComposer: MessageComposer {
    private enum Source {
        case placeholders(MessageTemplate)
        case lua(name: String, renderer: any TemplateRenderer, subject: PlaceholderTemplate?)
    }

    public let channel: Channel
    public let context: RenderContext
    private let source: Source

    /// The name under which a mailing's own text is checked and reported.
    public static let inlineTemplateName = "mailing text"

    public init(channel: Channel, content: MailingContent, registry: PluginRegistry, context: RenderContext) throws {
        self.channel = channel
        self.context = context
        if let name = content.template {
            if content.text != nil || content.html != nil {
                throw MailingError(.invalidContent, "A mailing takes a template or its own text and HTML, not both: drop --template \(name) or --text/--html.")
            }
            let definition: TemplateDefinition
            do {
                definition = try registry.template(named: name)
            } catch {
                throw MailingError(.unknownTemplate, "\(error)")
            }
            guard definition.channel == channel else {
                throw MailingError(.unknownTemplate, "Template \"\(name)\" is for \(Self.words(definition.channel)), not \(Self.words(channel)).")
            }
            let subject = content.subject ?? definition.subject
            if let renderer = definition.renderer {
                let compiled = try subject.map { try PlaceholderTemplate($0, name: name, format: .text, fallbacks: definition.fallbacks) }
                source = .lua(name: name, renderer: renderer, subject: compiled)
            } else {
                try Self.requireSubject(subject, channel: channel, template: name)
                source = .placeholders(try MessageTemplate(
                    name: name, channel: channel, subject: subject, text: definition.text, html: definition.html,
                    fallbacks: definition.fallbacks))
            }
        } else {
            guard content.text != nil || content.html != nil else {
                throw MailingError(.invalidContent, channel == .sms
                    ? "An SMS mailing needs a message: give --text or --template."
                    : "An e-mail mailing needs a body: give --text, --html or --template.")
            }
            try Self.requireSubject(content.subject, channel: channel, template: Self.inlineTemplateName)
            source = .placeholders(try MessageTemplate(
                name: Self.inlineTemplateName, channel: channel, subject: content.subject, text: content.text,
                html: content.html))
        }
    }

    /// Every placeholder the message uses (none for a Lua render function).
    public var placeholders: [PlaceholderUse] {
        switch source {
        case .placeholders(let template): template.placeholders
        case .lua(_, _, let subject): subject?.placeholders ?? []
        }
    }

    public func compose(_ customer: Customer) throws -> RenderedMessage {
        switch source {
        case .placeholders(let template):
            return try template.render(customer, context: context)
        case .lua(let name, let renderer, let subject):
            var message = try renderer.render(customer, context: luaContext)
            if let subject { message.subject = try subject.render(customer, context: context) }
            if channel == .sms, message.text?.isEmpty ?? true {
                throw MailingError(.invalidContent, "Template \"\(name)\" gave no text for customer \(customer.number).")
            }
            if channel == .email {
                if message.subject?.isEmpty ?? true {
                    throw MailingError(.invalidContent, "Template \"\(name)\" gave no subject for customer \(customer.number): return one, or give the mailing a --subject.")
                }
                if (message.text?.isEmpty ?? true) && (message.html?.isEmpty ?? true) {
                    throw MailingError(.invalidContent, "Template \"\(name)\" gave neither text nor html for customer \(customer.number).")
                }
            }
            return message
        }
    }

    /// What a Lua `render(c, ctx)` finds in `ctx`.
    private var luaContext: [String: String] {
        var values = ["shop": context.shopName, "today": context.today.description, "channel": channel.rawValue,
                      "language": context.locale.rawValue]
        if let number = context.invoiceNumber { values["invoice_number"] = number }
        return values
    }

    private static func requireSubject(_ subject: String?, channel: Channel, template: String) throws {
        guard channel == .email, subject?.isEmpty ?? true else { return }
        throw MailingError(.invalidContent, "The e-mail \"\(template)\" has no subject: give --subject.")
    }

    private static func words(_ channel: Channel) -> String {
        channel == .sms ? "SMS" : "e-mail"
    }
}
