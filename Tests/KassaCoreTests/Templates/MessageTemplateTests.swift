@testable import KassaCore
import Testing

@Suite("Message templates")
struct MessageTemplateTests {
    private let customer = TemplateFixtures.fullCustomer
    private let context = TemplateFixtures.context

    @Test("An SMS has a text and renders to a text-only message")
    func sms() throws {
        let template = try MessageTemplate(name: "birthday", channel: .sms, text: "Hej #FORNAMN#! Du har #POANG# poäng hos #BUTIK#.")
        #expect(try template.render(customer, context: context)
                == RenderedMessage(text: "Hej Anna! Du har 1250 poäng hos Cykelbutiken.", subject: nil, html: nil))
        #expect(template.subject == nil && template.html == nil)
        #expect(template.text?.format == .text)
    }

    @Test("An SMS with a subject or HTML, or without text, is refused when it is made", arguments: [
        (String?("Ämne"), String?("Hej"), String?(nil), TemplateError.Code.partNotAllowed, #"Template "s": an SMS has no subject"#),
        (nil, "Hej", "<p>Hej</p>", .partNotAllowed, #"Template "s": an SMS has no HTML part"#),
        (nil, nil, nil, .missingBody, #"Template "s": an SMS needs a text"#),
        (nil, "", nil, .missingBody, #"Template "s": an SMS needs a text"#),
    ])
    func smsParts(subject: String?, text: String?, html: String?, code: TemplateError.Code, message: String) throws {
        let error = try #require(throws: TemplateError.self) {
            try MessageTemplate(name: "s", channel: .sms, subject: subject, text: text, html: html)
        }
        #expect(error.code == code)
        #expect(error.message == message)
    }

    @Test("An e-mail has text, HTML or both; values are escaped only in the HTML part")
    func email() throws {
        let template = try MessageTemplate(
            name: "invoice", channel: .email, subject: "Faktura <NUMFACT> från #BUTIK#",
            text: "Hej #FORNAMN#,\nhär är faktura <NUMFACT>.", html: "<p>Hej <b>#FORNAMN#</b>, faktura <NUMFACT> från #BUTIK#</p>")
        var context = self.context
        context.shopName = "Berg & Son"
        let message = try template.render(customer, context: context)
        #expect(message.subject == "Faktura F-1001 från Berg & Son")
        #expect(message.text == "Hej Anna,\nhär är faktura F-1001.")
        #expect(message.html == "<p>Hej <b>Anna</b>, faktura F-1001 från Berg &amp; Son</p>")
        #expect(template.html?.format == .html)

        let htmlOnly = try MessageTemplate(name: "n", channel: .email, html: "<p>#FORNAMN#</p>")
        #expect(try htmlOnly.render(customer, context: context) == RenderedMessage(text: nil, subject: nil, html: "<p>Anna</p>"))

        let error = try #require(throws: TemplateError.self) { try MessageTemplate(name: "n", channel: .email, subject: "Hej") }
        #expect(error.message == #"Template "n": an e-mail needs a text or an HTML part"#)
    }

    @Test("A mistake in a part names the part, line and column")
    func compileErrorNamesPart() throws {
        let error = try #require(throws: TemplateError.self) {
            try MessageTemplate(name: "newsletter", channel: .email, subject: "Hej", text: "ok", html: "<p>\n  #FORNAME#</p>")
        }
        #expect(error.part == .html)
        #expect(error.message == "Template \"newsletter\", html part, line 2, column 3: unknown placeholder #FORNAME#. Did you mean #FORNAMN#?")
    }

    @Test("A subject is one line: a line break in it is refused, one from a value becomes a space")
    func subjectIsOneLine() throws {
        let error = try #require(throws: TemplateError.self) {
            try MessageTemplate(name: "m", channel: .email, subject: "Hej\r\nBcc: x@example.com", text: "x")
        }
        #expect(error.code == .lineBreakInSubject)
        #expect(error.message == #"Template "m", subject part, line 1, column 4: a subject is one line, but this one has a line break"#)

        let template = try MessageTemplate(name: "m", channel: .email, subject: "Till #ADRESS#", text: "#ADRESS#")
        let customer = Customer(number: "1", street: "c/o Berg\r\nStorgatan 1\nBox 3")
        let message = try template.render(customer, context: context)
        #expect(message.subject == "Till c/o Berg Storgatan 1 Box 3")
        #expect(message.text == "c/o Berg\r\nStorgatan 1\nBox 3")
    }

    @Test("A recipient's missing value names the part it is in")
    func renderErrorNamesPart() throws {
        let template = try MessageTemplate(name: "welcome", channel: .email, subject: "Välkommen #FORNAMN|#", html: "<p>#FORNAMN#</p>")
        let error = try #require(throws: TemplateError.self) { try template.render(TemplateFixtures.bareCustomer, context: context) }
        #expect(error.part == .html)
        #expect(error.message == "Customer 20001 has no first name for #FORNAMN# in the html part of template \"welcome\"; give a fallback like #FORNAMN|kund#.")
    }

    @Test("Default fallbacks apply to every part; placeholders lists subject, text, then HTML tokens")
    func fallbacksAndPlaceholders() throws {
        let template = try MessageTemplate(name: "w", channel: .email, subject: "#BUTIK#", text: "#FORNAMN# #ORT#",
                                           html: "<p>#FORNAMN#</p>", fallbacks: ["FORNAMN": "kund"])
        #expect(template.placeholders.map(\.placeholder.token) == ["BUTIK", "FORNAMN", "ORT", "FORNAMN"])
        #expect(template.placeholders.map(\.fallback) == [nil, "kund", nil, "kund"])
        let customer = Customer(number: "1", city: "Lund")
        #expect(try template.render(customer, context: context) == RenderedMessage(text: "kund Lund", subject: "Cykelbutiken", html: "<p>kund</p>"))
    }
}
