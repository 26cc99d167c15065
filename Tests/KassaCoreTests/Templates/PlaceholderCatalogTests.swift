@testable import KassaCore
import Testing

@Suite("Placeholder catalog")
struct PlaceholderCatalogTests {
    /// What each field of `TemplateFixtures.fullCustomer` / `.context` must render as, written
    /// out by hand from the fixture (Swedish formats).
    private static func expectedValue(of field: PlaceholderField) -> String? {
        switch field {
        case .number: "10023"
        case .firstName: "Anna"
        case .lastName: "Berg"
        case .fullName: "Anna Berg"
        case .company: "Berg Cykel AB"
        case .email: "anna@example.se"
        case .billingEmail: "faktura@example.se"
        case .mobile: "+46701234567"
        case .street: "Storgatan 1"
        case .postalCode: "111 22"
        case .city: "Stockholm"
        case .country: "SE"
        case .family: "Cyklister"
        case .type: "Privat"
        case .category: "Guld"
        case .points: "1250"
        case .turnoverGroup: "A"
        case .lastVisit: "2026-03-05"
        case .vehicleType: "Elcykel"
        case .vehicleBrand: "Crescent"
        case .vehicleModel: "Elis"
        case .vehiclePlate: "ABC123"
        case .cardNumber: "C-77"
        case .attribute: "42"
        case .shopName: "Cykelbutiken"
        case .today: "2026-11-23"
        case .invoiceNumber: "F-1001"
        case .invoiceDate: "2026-11-20"
        case .companyName: "Cykelbutiken"
        case .contextValue: nil
        }
    }

    @Test("Every token and alias of the standard catalog renders its field, in every accepted spelling")
    func everyTokenRendersItsField() throws {
        for placeholder in PlaceholderCatalog.standard.placeholders {
            let expected = try #require(Self.expectedValue(of: placeholder.field), "no expectation for \(placeholder.token)")
            for name in placeholder.names {
                let written = placeholder.field == .attribute ? "\(name).shoe_size" : name
                var spellings = ["#\(written)#", "#\(written.lowercased())#"]
                if placeholder.kind == .document { spellings.append("<\(name)>") }
                for spelling in spellings {
                    #expect(try TemplateFixtures.render("[\(spelling)]") == "[\(expected)]", "\(spelling)")
                }
            }
        }
    }

    @Test("The Swedish tokens of the shops and their English aliases", arguments: [
        ("FORNAMN", "FIRST_NAME"), ("EFTERNAMN", "LAST_NAME"), ("FORETAG", "COMPANY"), ("KUNDNR", "NUMBER"),
        ("EPOST", "EMAIL"), ("FAKTURAEPOST", "BILLING_EMAIL"), ("MOBIL", "MOBILE"), ("ADRESS", "STREET"),
        ("POSTNR", "POSTAL_CODE"), ("ORT", "CITY"), ("LAND", "COUNTRY"), ("FAMILJ", "FAMILY"), ("KUNDTYP", "TYPE"),
        ("KATEGORI", "CATEGORY"), ("POANG", "POINTS"), ("OMSGRUPP", "TURNOVER_GROUP"), ("SENASTEBESOK", "LAST_VISIT"),
        ("REGNR", "PLATE"), ("MARKE", "BRAND"), ("MODELL", "MODEL"), ("KORTNR", "CARD"), ("NAMN", "NAME"),
        ("BUTIK", "SHOP"), ("DATUM", "TODAY"),
    ])
    func swedishAndEnglish(token: String, alias: String) throws {
        let placeholder = try #require(PlaceholderCatalog.standard.placeholder(named: token))
        #expect(placeholder.token == token)
        #expect(placeholder.aliases.contains(alias))
        #expect(PlaceholderCatalog.standard.placeholder(named: alias) == placeholder)
    }

    @Test("The document tokens of 003 are there, in the document style")
    func documentTokens() throws {
        for token in ["NUMFACT", "DATEFACT", "NOMSOC"] {
            let placeholder = try #require(PlaceholderCatalog.standard.placeholder(named: token))
            #expect(placeholder.kind == .document)
            #expect(placeholder.spelling == "<\(token)>")
        }
    }

    @Test("Every customer field a message can show has a placeholder (SPEC §1)")
    func coversTheCustomerFields() {
        let fields = Set(PlaceholderCatalog.standard.placeholders.map(\.field))
        let needed: [PlaceholderField] = [
            .number, .firstName, .lastName, .fullName, .company, .email, .billingEmail, .mobile, .street, .postalCode, .city,
            .country, .family, .type, .category, .points, .turnoverGroup, .lastVisit, .vehicleType, .vehicleBrand,
            .vehicleModel, .vehiclePlate, .cardNumber, .attribute, .shopName, .today, .invoiceNumber, .invoiceDate, .companyName,
        ]
        for field in needed { #expect(fields.contains(field), "\(field)") }
    }

    @Test("Names are upper-case ASCII, every entry has a one-line summary, and lookups ignore case and accents")
    func namesAndSummaries() {
        for placeholder in PlaceholderCatalog.standard.placeholders {
            for name in placeholder.names {
                #expect(name.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }, "\(name)")
            }
            #expect(!placeholder.summary.isEmpty && !placeholder.summary.contains("\n"), "\(placeholder.token)")
        }
        #expect(PlaceholderCatalog.standard.placeholder(named: "Senastebesök")?.token == "SENASTEBESOK")
        #expect(PlaceholderCatalog.standard.placeholder(named: "nope") == nil)
    }

    @Test("The Markdown table has a header and one row per entry with its spellings and summary")
    func markdownTable() {
        let catalog = PlaceholderCatalog.standard
        let lines = catalog.markdownTable().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == catalog.placeholders.count + 2)
        #expect(lines.first == "| Placeholder | Also written | Meaning |")
        for (line, placeholder) in zip(lines.dropFirst(2), catalog.placeholders) {
            #expect(line.hasPrefix("| `\(placeholder.spelling)`"), "\(line)")
            #expect(line.hasSuffix(" \(placeholder.summary) |"), "\(line)")
            for alias in placeholder.aliases { #expect(line.contains(alias), "\(line)") }
            #expect(line.filter { $0 == "|" }.count == 4, "\(line)")
        }
        #expect(lines.contains("| `#FORNAMN#` | `#FIRST_NAME#` | The customer's first name. |"))
        #expect(lines.contains { $0.hasPrefix("| `<NUMFACT>` or `#NUMFACT#` | `<FAKTURANR>`, `<INVOICE_NUMBER>` |") })
        #expect(lines.contains { $0.hasPrefix("| `#ATTR.key#` | `#ATTRIBUTE.key#` |") })
    }

    @Test("No HTML element, written in capitals, is mistaken for a placeholder")
    func htmlElementsStayText() throws {
        let elements = """
            a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption center cite code
            col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form
            h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map mark menu meta meter
            nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script section
            select small source span strong style sub summary sup table tbody td template textarea tfoot th thead time title
            tr track u ul var video wbr
            """.split(whereSeparator: \.isWhitespace)
        for element in elements {
            let source = "<\(element.uppercased())>x</\(element.uppercased())>"
            #expect(try TemplateFixtures.render(source, format: .html) == source)
        }
    }
}
