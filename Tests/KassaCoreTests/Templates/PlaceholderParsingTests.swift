@testable import KassaCore
import Testing

@Suite("Placeholder template syntax")
struct PlaceholderParsingTests {
    private func render(_ source: String, format: TemplateFormat = .text) throws -> String {
        try TemplateFixtures.render(source, format: format)
    }

    @Test("#NAME# inserts the field; the text around it is kept as written")
    func simpleToken() throws {
        #expect(try render("Hej #FORNAMN#! Du har #POANG# poäng hos #BUTIK#.") == "Hej Anna! Du har 1250 poäng hos Cykelbutiken.")
        #expect(try render("#FORNAMN##EFTERNAMN#") == "AnnaBerg")
        #expect(try render("#FORNAMN#") == "Anna")
    }

    @Test("Names match ignoring case and accents, and through their English aliases", arguments: [
        "#FORNAMN#", "#fornamn#", "#Fornamn#", "#FÖRNAMN#", "#förnamn#", "#FIRST_NAME#", "#first_name#",
        "#Fo\u{308}rnamn#",
    ])
    func caseAccentsAndAliases(source: String) throws {
        #expect(try render(source) == "Anna")
    }

    @Test("Swedish letters in names are folded: #POÄNG#, #MÄRKE#, #SENASTEBESÖK#, #FÖRETAG#")
    func swedishSpellings() throws {
        #expect(try render("#POÄNG# #MÄRKE# #SENASTEBESÖK# #FÖRETAG#") == "1250 Crescent 2026-03-05 Berg Cykel AB")
    }

    @Test("## is a literal #", arguments: [
        ("##", "#"), ("####", "##"), ("Nr ##1", "Nr #1"), ("##FORNAMN#", "#FORNAMN#"), ("a##b", "a#b"), ("#FORNAMN###", "Anna#"),
    ])
    func doubledHash(source: String, expected: String) throws {
        #expect(try render(source) == expected)
    }

    @Test("A # that starts no well-formed token stays text", arguments: [
        "order #123 today", "#", "# ", "ends with #", "#sommar #rea", "color:#fff;", "<a href=\"#top\">", "&#39;", "&#x27;",
        "#1#2#", "50 # 60", "#hashtag", "#shop is open", "#card { color: red }", "#Butik i stan", "#!#",
    ])
    func literalHash(source: String) throws {
        #expect(try render(source) == source)
        #expect(try PlaceholderTemplate(source, name: "t").placeholders.isEmpty)
    }

    @Test("#NAME|fallback# carries a fallback: text up to the next #, spaces allowed")
    func inlineFallback() throws {
        let bare = TemplateFixtures.bareCustomer
        #expect(try TemplateFixtures.render("Hej #FORNAMN|kära kund#!", for: bare) == "Hej kära kund!")
        #expect(try TemplateFixtures.render("Hej #FORNAMN|kära kund#!") == "Hej Anna!")
        #expect(try TemplateFixtures.render("Hej #FORNAMN|#!", for: bare) == "Hej !")
        #expect(try TemplateFixtures.render("#ORT|<okänd ort>#", for: bare, format: .html) == "<okänd ort>")
        let template = try PlaceholderTemplate("Hej #förnamn|vän#", name: "t")
        #expect(template.placeholders.map(\.fallback) == ["vän"])
        #expect(template.placeholders.map(\.written) == ["#förnamn|vän#"])
        #expect(template.placeholders.map(\.name) == ["förnamn"])
    }

    @Test("HTML tags, upper or lower case, pass through untouched", arguments: [
        "<b>Hej</b>", "<B>Hej</B>", "<TABLE><TR><TD>x</TD></TR></TABLE>", "<p class=\"x\">", "a < b > c", "<>", "<NUMFACT",
        "<!-- #fff -->", "<BR/>", "<H1>", "<numfact>", "<Numfact>", "<DATE>",
    ])
    func angleBracketsAreText(source: String) throws {
        #expect(try render(source, format: .html) == source)
        #expect(try render(source, format: .text) == source)
    }

    @Test("<NUMFACT>, <DATEFACT> and <NOMSOC> are document tokens; they may also be written #NUMFACT#")
    func documentTokens() throws {
        #expect(try render("Faktura <NUMFACT> du <DATEFACT> — <NOMSOC>") == "Faktura F-1001 du 2026-11-20 — Cykelbutiken")
        #expect(try render("#NUMFACT# #datefact# #NOMSOC#") == "F-1001 2026-11-20 Cykelbutiken")
        #expect(try render("<FAKTURANR> <INVOICE_DATE>") == "F-1001 2026-11-20")
        #expect(try render("<b><NUMFACT></b>", format: .html) == "<b>F-1001</b>")
    }

    @Test("#ATTR.key# reads a custom attribute; the key is matched exactly, else ignoring case")
    func attributes() throws {
        #expect(try render("#ATTR.shoe_size#") == "42")
        #expect(try render("#attr.shoe_size# #ATTRIBUTE.shoe_size#") == "42 42")
        #expect(try render("#ATTR.favorit#") == "Racer")
        #expect(try render("#ATTR.SHOE_SIZE#") == "42")
        let template = try PlaceholderTemplate("#ATTR.shoe.size|?#", name: "t")
        #expect(template.placeholders.first?.attributeKey == "shoe.size")
        #expect(try template.render(TemplateFixtures.fullCustomer, context: TemplateFixtures.context) == "?")
    }

    @Test("placeholders lists every token in order, with its line and column in characters")
    func placeholderUses() throws {
        let source = "Hej #FORNAMN#,\r\nåäö <NUMFACT> #POANG|0#\n\n  e\u{301}#ATTR.x#"
        let template = try PlaceholderTemplate(source, name: "t")
        #expect(template.placeholders.map(\.placeholder.token) == ["FORNAMN", "NUMFACT", "POANG", "ATTR"])
        #expect(template.placeholders.map(\.line) == [1, 2, 2, 4])
        #expect(template.placeholders.map(\.column) == [5, 5, 15, 4])
        #expect(template.placeholders.map(\.written) == ["#FORNAMN#", "<NUMFACT>", "#POANG|0#", "#ATTR.x#"])
        #expect(template.placeholders.map(\.attributeKey) == [nil, nil, nil, "x"])
        #expect(!template.isConstant)
        #expect(try PlaceholderTemplate("Hej ##", name: "t").isConstant)
    }

    @Test("A template keeps its name, source and format")
    func properties() throws {
        let template = try PlaceholderTemplate("<b>#FORNAMN#</b>", name: "welcome", format: .html)
        #expect(template.name == "welcome")
        #expect(template.source == "<b>#FORNAMN#</b>")
        #expect(template.format == .html)
    }
}
