import Foundation
@testable import KassaCore
import Testing

@Suite("Placeholder template errors")
struct PlaceholderErrorTests {
    @Test("An unknown placeholder names the template, line, column and token, and suggests the nearest one")
    func unknownPlaceholderWithSuggestion() throws {
        let error = try #require(TemplateFixtures.compileError("Hej!\nDu #FORNAME#, grattis!", name: "birthday"))
        #expect(error.code == .unknownPlaceholder)
        #expect(error.template == "birthday")
        #expect(error.line == 2)
        #expect(error.column == 4)
        #expect(error.token == "#FORNAME#")
        #expect(error.suggestion == "#FORNAMN#")
        #expect(error.message == "Template \"birthday\", line 2, column 4: unknown placeholder #FORNAME#. Did you mean #FORNAMN#?")
        #expect(error.description == error.message)
        #expect(error.localizedDescription == error.message)
    }

    @Test("Suggestions follow the spelling family the author used", arguments: [
        ("#FIRST_NAM#", "#FIRST_NAME#"), ("#FORNMAN#", "#FORNAMN#"), ("#POANGG#", "#POANG#"), ("#EPSOT#", "#EPOST#"),
        ("#butk#", "#BUTIK#"), ("#FORNAME|kund#", "#FORNAMN|kund#"), ("#ATR.shoe_size#", "#ATTR.shoe_size#"),
        ("<NUMFAKT>", "<NUMFACT>"), ("<DATEFAKT>", "<DATEFACT>"), ("<FORNAMN>", "#FORNAMN#"), ("<CITY>", "#CITY#"),
    ])
    func suggestions(source: String, suggestion: String) throws {
        let error = try #require(TemplateFixtures.compileError("x \(source)"))
        #expect(error.code == .unknownPlaceholder)
        #expect(error.token == source)
        #expect(error.suggestion == suggestion)
        #expect(error.column == 3)
        #expect(error.message.hasSuffix("unknown placeholder \(source). Did you mean \(suggestion)?"))
    }

    @Test("A well-formed token far from every name is an error without a suggestion, and says how to write a literal #")
    func unknownWithoutSuggestion() throws {
        let error = try #require(TemplateFixtures.compileError("Vinn! #vinstlott# idag", name: "promo"))
        #expect(error.code == .unknownPlaceholder)
        #expect(error.suggestion == nil)
        #expect(error.message == ###"Template "promo", line 1, column 7: unknown placeholder #vinstlott# (see the placeholder table; to write a literal "#", double it: "##")"###)
    }

    @Test("Columns count characters, not bytes; CR LF is one line break")
    func columnsInCharacters() throws {
        let error = try #require(TemplateFixtures.compileError("åäö\r\nHäj 😀 e\u{301} #FOO#"))
        #expect(error.line == 2)
        #expect(error.column == 9)
        let third = try #require(TemplateFixtures.compileError("a\n\nb\u{2028}  #X#"))
        #expect(third.line == 4)
        #expect(third.column == 3)
    }

    @Test("A known placeholder in capitals without its closing # is an error, not text sent to customers", arguments: [
        ("Hej #FORNAMN, välkommen", "#FORNAMN", "#FORNAMN#"),
        ("Välkommen till #BUTIK.", "#BUTIK", "#BUTIK#"),
        ("Hej #FÖRNAMN", "#FÖRNAMN", "#FÖRNAMN#"),
        ("Storlek #ATTR.size!", "#ATTR.size", "#ATTR.size#"),
        ("Du har #POANG poäng", "#POANG", "#POANG#"),
    ])
    func unterminatedPlaceholder(source: String, token: String, expected: String) throws {
        let error = try #require(TemplateFixtures.compileError(source, name: "welcome"))
        #expect(error.code == .unterminatedPlaceholder)
        #expect(error.token == token)
        #expect(error.suggestion == expected)
        #expect(error.column == source.distance(from: source.startIndex, to: source.firstIndex(of: "#")!) + 1)
        #expect(error.message.contains("placeholder \(token) is not closed: write \(expected) (or \"#\(token)\" for the literal text)"))
    }

    @Test("A fallback without its closing # on the same line is an error")
    func unterminatedFallback() throws {
        let error = try #require(TemplateFixtures.compileError("Hej #förnamn|kära kund\nHälsningar #BUTIK#", name: "b"))
        #expect(error.code == .unterminatedPlaceholder)
        #expect(error.token == "#förnamn|kära kund")
        #expect(error.line == 1)
        #expect(error.column == 5)
        #expect(error.message == ###"Template "b", line 1, column 5: the fallback of #förnamn|kära kund is not closed by "#" on its line"###)
        // An unknown name with "|" and no closing "#" is ordinary text.
        #expect(try TemplateFixtures.render("Välj #a|b eller c") == "Välj #a|b eller c")
    }

    @Test("#ATTR# needs a key")
    func attributeWithoutKey() throws {
        for source in ["#ATTR#", "#attr.#", "#ATTRIBUTE|x#"] {
            let error = try #require(TemplateFixtures.compileError(source))
            #expect(error.code == .missingAttributeKey)
            #expect(error.token == source)
            #expect(error.message.contains("needs the attribute's key after a dot"))
        }
    }

    @Test("Default fallbacks must name placeholders, and two spellings of one placeholder must agree")
    func defaultFallbackErrors() throws {
        let unknown = try #require(TemplateFixtures.compileError("#FORNAMN#", name: "b", fallbacks: ["FORNAME": "kund"]))
        #expect(unknown.code == .unknownFallback)
        #expect(unknown.message == #"Template "b": default fallback for unknown placeholder "FORNAME". Did you mean "FORNAMN"?"#)
        #expect(unknown.line == nil && unknown.column == nil)

        let conflict = try #require(TemplateFixtures.compileError("#FORNAMN#", name: "b", fallbacks: ["FORNAMN": "kund", "FIRST_NAME": "customer"]))
        #expect(conflict.code == .conflictingFallbacks)
        #expect(conflict.message == #"Template "b": default fallbacks "FIRST_NAME" and "FORNAMN" are for the same placeholder but differ"#)

        // The same value under two spellings, and delimiters around a key, are fine.
        #expect(TemplateFixtures.compileError("#FORNAMN#", fallbacks: ["FORNAMN": "kund", "first_name": "kund", "<NUMFACT>": "-", "#ORT#": "?"]) == nil)
    }

    @Test("The first mistake in the text is the one reported")
    func firstMistake() throws {
        let error = try #require(TemplateFixtures.compileError("#FORNAMN# #BAD1# #BAD2#"))
        #expect(error.token == "#BAD1#")
    }
}
