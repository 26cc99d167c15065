import Testing
@testable import KassaCore

@Suite("Composing a mailing's messages")
struct MailingComposerTests {
    static let context = RenderContext(shopName: "Cykelbutiken", today: CalendarDate("2026-11-23")!)
    static let asa = Customer(number: "1", firstName: "Åsa", email: "asa@a.example", mobile: "+46701111111", points: 120)
    static let nameless = Customer(number: "2", email: "x@a.example", points: 5)

    /// A template computed in Swift, standing in for a plugin's render function (KassaScripting
    /// tests the Lua one).
    final class Greeter: TemplateRenderer {
        var subject: String?
        init(subject: String? = nil) { self.subject = subject }
        func render(_ customer: Customer, context: [String: String]) throws -> RenderedMessage {
            RenderedMessage(text: "Hej \(customer.firstName ?? "du") från \(context["shop"]!)", subject: subject)
        }
    }

    static func registry() -> PluginRegistry {
        let registry = PluginRegistry()
        var registrations = Registrations()
        registrations.templates = [
            TemplateDefinition(name: "birthday", channel: .sms, text: "Grattis #FORNAMN#!", fallbacks: ["FORNAMN": "kund"], plugin: "t"),
            TemplateDefinition(name: "news", channel: .email, text: "Hej #FORNAMN|du#", subject: "Nytt hos #BUTIK#", plugin: "t"),
            TemplateDefinition(name: "computed", channel: .email, plugin: "t", renderer: Greeter()),
        ]
        registry.add(registrations, manifest: PluginManifest(name: "t", version: "1"), kind: .native, path: nil)
        return registry
    }

    static func composer(_ channel: Channel, _ content: MailingContent) throws -> MailingComposer {
        try MailingComposer(channel: channel, content: content, registry: registry(), context: context)
    }

    @Test("the mailing's own text renders with placeholders and fallbacks")
    func inlineText() throws {
        let composer = try Self.composer(.sms, MailingContent(text: "Hej #FORNAMN|kund#! #POANG# poäng hos #BUTIK#."))
        #expect(try composer.compose(Self.asa).text == "Hej Åsa! 120 poäng hos Cykelbutiken.")
        #expect(try composer.compose(Self.nameless).text == "Hej kund! 5 poäng hos Cykelbutiken.")
        #expect(composer.placeholders.map(\.placeholder.token) == ["FORNAMN", "POANG", "BUTIK"])
    }

    @Test("a customer lacking a value without fallback fails for that customer, naming them")
    func missingValue() throws {
        let composer = try Self.composer(.sms, MailingContent(text: "Hej #FORNAMN#!"))
        let error = try #require(throws: TemplateError.self) { try composer.compose(Self.nameless) }
        #expect(error.code == .missingValue)
        #expect("\(error)".contains("Customer 2"))
        #expect("\(error)".contains("#FORNAMN#"))
    }

    @Test("a registered placeholder template uses its own fallbacks; the mailing's subject wins")
    func registeredTemplate() throws {
        #expect(try Self.composer(.sms, MailingContent(template: "birthday")).compose(Self.nameless).text == "Grattis kund!")
        let news = try Self.composer(.email, MailingContent(template: "news"))
        #expect(try news.compose(Self.asa) == RenderedMessage(text: "Hej Åsa", subject: "Nytt hos Cykelbutiken"))
        let renamed = try Self.composer(.email, MailingContent(template: "news", subject: "Till #FORNAMN#"))
        #expect(try renamed.compose(Self.asa).subject == "Till Åsa")
    }

    @Test("a render-function template is called per customer; a subject can be added by the mailing")
    func computedTemplate() throws {
        let withoutSubject = try Self.composer(.email, MailingContent(template: "computed"))
        let error = try #require(throws: MailingError.self) { try withoutSubject.compose(Self.asa) }
        #expect(error.message == "Template \"computed\" gave no subject for customer 1: return one, or give the mailing a --subject.")
        let composer = try Self.composer(.email, MailingContent(template: "computed", subject: "Hej #FORNAMN#"))
        #expect(try composer.compose(Self.asa) == RenderedMessage(text: "Hej Åsa från Cykelbutiken", subject: "Hej Åsa"))
    }

    @Test("content that cannot work is refused before any customer is read", arguments: [
        (Channel.sms, MailingContent(), "An SMS mailing needs a message: give --text or --template."),
        (.email, MailingContent(text: "Hej"), "The e-mail \"mailing text\" has no subject: give --subject."),
        (.sms, MailingContent(template: "birthday", text: "Hej"), "A mailing takes a template or its own text and HTML, not both: drop --template birthday or --text/--html."),
        (.email, MailingContent(template: "birthday", subject: "S"), "Template \"birthday\" is for SMS, not e-mail."),
    ])
    func refusedContent(channel: Channel, content: MailingContent, message: String) throws {
        let error = try #require(throws: MailingError.self) { try Self.composer(channel, content) }
        #expect(error.message == message)
    }

    @Test("an unknown template names the known ones; an unknown placeholder names token, line and column")
    func unknownNames() throws {
        let unknown = try #require(throws: MailingError.self) { try Self.composer(.sms, MailingContent(template: "birthdya")) }
        #expect(unknown.code == .unknownTemplate)
        #expect(unknown.message.contains("birthdya"))
        let typo = try #require(throws: TemplateError.self) {
            try Self.composer(.sms, MailingContent(text: "Hej!\nDu har #POÄNGG# poäng"))
        }
        #expect(typo.code == .unknownPlaceholder)
        #expect(typo.line == 2)
        #expect(typo.column == 8)
        #expect(typo.template == "mailing text")
    }
}
