@testable import KassaCore
import Testing

@Suite("Placeholder template rendering")
struct PlaceholderRenderingTests {
    private let bare = TemplateFixtures.bareCustomer

    @Test("A missing value takes the inline fallback first, then the default fallback")
    func fallbackOrder() throws {
        let defaults = ["FIRST_NAME": "vän"]
        #expect(try TemplateFixtures.render("Hej #FORNAMN|kund#", for: bare, fallbacks: defaults) == "Hej kund")
        #expect(try TemplateFixtures.render("Hej #FORNAMN#", for: bare, fallbacks: defaults) == "Hej vän")
        #expect(try TemplateFixtures.render("Hej #FÖRNAMN#", fallbacks: defaults) == "Hej Anna")
        #expect(try TemplateFixtures.render("Storlek #ATTR.shoe_size#", for: bare, fallbacks: ["ATTR.shoe_size": "okänd"]) == "Storlek okänd")
        let template = try PlaceholderTemplate("#FORNAMN# #ORT|?#", name: "t", fallbacks: defaults)
        #expect(template.placeholders.map(\.fallback) == ["vän", "?"])
    }

    @Test("Without a fallback, a missing value fails that recipient with a sentence naming customer, token and template")
    func missingValueError() throws {
        let customer = Customer(number: "10023", lastName: "Berg")
        let error = try #require(try TemplateFixtures.renderError("Grattis!\nHej #FORNAMN#!", for: customer))
        #expect(error.code == .missingValue)
        #expect(error.customer == "10023")
        #expect(error.token == "#FORNAMN#")
        #expect(error.template == "birthday")
        #expect(error.line == 2 && error.column == 5)
        #expect(error.suggestion == "#FORNAMN|kund#")
        #expect(error.message == "Customer 10023 has no first name for #FORNAMN# in template \"birthday\"; give a fallback like #FORNAMN|kund#.")
    }

    @Test("The error's fallback example uses the token as written and the shop's language")
    func missingValueExampleSpelling() throws {
        var context = TemplateFixtures.context
        context.locale = .nl
        let error = try #require(try TemplateFixtures.renderError("Beste #first_name#", for: bare, context: context))
        #expect(error.message == "Customer 20001 has no first name for #first_name# in template \"birthday\"; give a fallback like #first_name|klant#.")
    }

    @Test("A missing document value says it was not given to the render; <…> tokens point to default fallbacks")
    func missingDocumentValue() throws {
        var context = TemplateFixtures.context
        context.invoiceNumber = nil
        let error = try #require(try TemplateFixtures.renderError("Factuur <NUMFACT>", for: bare, context: context))
        #expect(error.message == "Customer 20001 has no invoice number for <NUMFACT> in template \"birthday\" (the invoice number is not given to this render); give a default fallback for it.")
        #expect(try TemplateFixtures.render("Factuur <NUMFACT>", for: bare, context: context, fallbacks: ["NUMFACT": "-"]) == "Factuur -")
    }

    @Test("A missing attribute is named by its key")
    func missingAttribute() throws {
        let error = try #require(try TemplateFixtures.renderError("#ATTR.skostorlek#", for: TemplateFixtures.fullCustomer))
        #expect(error.message == "Customer 10023 has no attribute \"skostorlek\" for #ATTR.skostorlek# in template \"birthday\"; give a fallback like #ATTR.skostorlek|kund#.")
    }

    @Test("Empty and blank values count as missing", arguments: ["", " ", "  \t", "\u{A0}", "\u{2003}\n"])
    func blankIsMissing(value: String) throws {
        let customer = Customer(number: "1", firstName: value)
        #expect(try TemplateFixtures.render("Hej #FORNAMN|kund#", for: customer) == "Hej kund")
        let padded = Customer(number: "1", firstName: value + "Å")
        #expect(try TemplateFixtures.render("#FORNAMN|kund#", for: padded) == value + "Å")
    }

    @Test("Points are never missing; zero and negative points are written as numbers")
    func points() throws {
        #expect(try TemplateFixtures.render("#POANG#", for: Customer(number: "1")) == "0")
        #expect(try TemplateFixtures.render("#POANG#", for: Customer(number: "1", points: -35)) == "-35")
        #expect(try TemplateFixtures.render("#POANG#", for: Customer(number: "1", points: 1_234_567)) == "1234567")
        #expect(try TemplateFixtures.render("#POANG#", for: Customer(number: "1", points: .min)) == String(Int.min))
    }

    @Test("#NAMN# is first and last name, or the company for a company or when names are missing", arguments: [
        (Customer(number: "1", firstName: "Anna", lastName: "Berg"), "Anna Berg"),
        (Customer(number: "1", firstName: "Anna"), "Anna"),
        (Customer(number: "1", lastName: "Berg"), "Berg"),
        (Customer(number: "1", firstName: " ", lastName: "Berg"), "Berg"),
        (Customer(number: "1", company: "Berg AB"), "Berg AB"),
        (Customer(number: "1", firstName: "Anna", lastName: "Berg", company: "Berg AB", isCompany: true), "Berg AB"),
        (Customer(number: "1", firstName: "Anna", lastName: "Berg", company: "", isCompany: true), "Anna Berg"),
        (Customer(number: "1", firstName: "Anna", company: "Berg AB"), "Anna"),
        (Customer(number: "1"), "?"),
    ])
    func fullName(customer: Customer, expected: String) throws {
        #expect(try TemplateFixtures.render("#NAMN|?#", for: customer) == expected)
    }

    @Test("Vehicle and card tokens read the first vehicle and the first card")
    func firstVehicleAndCard() throws {
        #expect(try TemplateFixtures.render("#FORDONSTYP# #MARKE# #MODELL# #REGNR# #KORTNR#") == "Elcykel Crescent Elis ABC123 C-77")
        let noVehicle = Customer(number: "1")
        #expect(try TemplateFixtures.render("#MARKE|-# #KORTNR|-#", for: noVehicle) == "- -")
    }

    @Test("In HTML every inserted value is escaped, the template's own text and fallbacks are not")
    func htmlEscaping() throws {
        let customer = Customer(number: "1", firstName: "<script>alert('x')</script>", lastName: "Smith & \"Sons\"",
                                attributes: ["note": "a<b"])
        let source = "<p title=\"#EFTERNAMN#\">Hej <b>#FORNAMN#</b> &amp; #ATTR.note# #ORT|<i>vän</i>#</p>"
        let html = try TemplateFixtures.render(source, for: customer, format: .html)
        #expect(html == "<p title=\"Smith &amp; &quot;Sons&quot;\">Hej <b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</b> &amp; a&lt;b <i>vän</i></p>")
        let text = try TemplateFixtures.render("#FORNAMN# #EFTERNAMN#", for: customer, format: .text)
        #expect(text == "<script>alert('x')</script> Smith & \"Sons\"")
        var context = TemplateFixtures.context
        context.shopName = "Berg & Son"
        #expect(try TemplateFixtures.render("<NOMSOC> #BUTIK#", context: context, format: .html) == "Berg &amp; Son Berg &amp; Son")
    }

    @Test("Shop and document tokens come from the context; <NOMSOC> is the shop unless a company name is given")
    func contextTokens() throws {
        var context = TemplateFixtures.context
        context.locale = .de
        #expect(try TemplateFixtures.render("#BUTIK# #DATUM# <NUMFACT> <DATEFACT> <NOMSOC>", context: context)
                == "Cykelbutiken 23.11.2026 F-1001 20.11.2026 Cykelbutiken")
        context.companyName = "Garage Dupont SA"
        #expect(try TemplateFixtures.render("<NOMSOC>", context: context) == "Garage Dupont SA")
        context.companyName = ""
        #expect(try TemplateFixtures.render("<NOMSOC>", context: context) == "Cykelbutiken")
    }

    @Test("A catalog can add placeholders that read typed values from the context")
    func contextValues() throws {
        let catalog = PlaceholderCatalog(PlaceholderCatalog.standard.placeholders + [
            Placeholder("MONTANT", aliases: ["BELOPP"], kind: .document, field: .contextValue("amount"), summary: "The amount due."),
            Placeholder("ECHEANCE", kind: .document, field: .contextValue("due"), summary: "The due date."),
            Placeholder("ANTAL", kind: .shop, field: .contextValue("count"), summary: "A count."),
            Placeholder("NOTE", kind: .shop, field: .contextValue("note"), summary: "A note."),
        ])
        let template = try PlaceholderTemplate("<MONTANT> € le <ECHEANCE> (#ANTAL#) #NOTE# #belopp#", name: "facture", format: .html, catalog: catalog)
        var context = TemplateFixtures.context
        context.locale = .fr
        context.values = [
            "amount": .amount(minorUnits: 123_450), "due": .date(CalendarDate(year: 2026, month: 12, day: 1)!),
            "count": .integer(1234), "note": .text("a & b"),
        ]
        #expect(try template.render(TemplateFixtures.bareCustomer, context: context) == "1 234,50 € le 01/12/2026 (1234) a &amp; b 1 234,50")
        context.values["note"] = nil
        let error = try #require(throws: TemplateError.self) { try template.render(TemplateFixtures.bareCustomer, context: context) }
        #expect(error.message.contains("has no value \"note\" for #NOTE#"))
    }

    @Test("Long messages and long values render completely (beyond the stack buffer)")
    func longMessages() throws {
        let longName = String(repeating: "Åsa-", count: 2_000)
        let customer = Customer(number: "1", firstName: longName, city: "Malmö")
        let paragraph = String(repeating: "Lorem ipsum dolor sit amet, ", count: 100)
        let source = "\(paragraph)#FORNAMN#\n\(paragraph)#ORT#"
        #expect(try TemplateFixtures.render(source, for: customer) == "\(paragraph)\(longName)\n\(paragraph)Malmö")
        #expect(try TemplateFixtures.render("x#FORNAMN#y", for: customer, format: .html) == "x\(longName)y")
        let ampersands = Customer(number: "1", firstName: String(repeating: "&", count: 600))
        #expect(try TemplateFixtures.render("#FORNAMN#", for: ampersands, format: .html) == String(repeating: "&amp;", count: 600))
    }

    @Test("One compiled template renders each customer independently")
    func manyCustomers() throws {
        let template = try PlaceholderTemplate("Hej #FORNAMN|kund#! Du har #POANG# poäng hos #BUTIK#.", name: "sms")
        for index in 0..<50 {
            let customer = Customer(number: String(index), firstName: index % 3 == 0 ? nil : "Kund\(index)", points: index * 10)
            let expected = "Hej \(index % 3 == 0 ? "kund" : "Kund\(index)")! Du har \(index * 10) poäng hos Cykelbutiken."
            #expect(try template.render(customer, context: TemplateFixtures.context) == expected)
        }
    }
}
