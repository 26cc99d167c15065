import KassaCore
import Testing

@Suite("Macro parsing")
struct MacroParsingTests {
    private func actions(_ text: String) throws -> [MacroStep.Action] {
        try Macro.parse(text).steps.map(\.action)
    }

    @Test("The seed's button: open the mass-mailing menu, then Enter")
    func seedMassMailingButton() throws {
        let macro = try Macro.parse("##MENU#UtskickUtskrift2#¤")
        #expect(macro.steps == [
            MacroStep(.openMenu("UtskickUtskrift2"), at: 1),
            MacroStep(.confirm, at: 25),
        ])
    }

    @Test("A function code: PC-Kassa's #KLUT# opens the cash drawer")
    func functionCode() throws {
        #expect(try Macro.parse("#KLUT#").steps == [MacroStep(.runFunction("KLUT"), at: 1)])
        // "MENU" after a single "#" is an ordinary function code.
        #expect(try actions("#MENU#") == [.runFunction("MENU")])
        #expect(try actions("#Kvitto_2#") == [.runFunction("Kvitto_2")])
    }

    @Test("Literal text is typed; all forms mix with their positions")
    func mixedSteps() throws {
        let macro = try Macro.parse("123#KLUT#abc¤##MENU#X#¤")
        #expect(macro.steps == [
            MacroStep(.type("123"), at: 1),
            MacroStep(.runFunction("KLUT"), at: 4),
            MacroStep(.type("abc"), at: 10),
            MacroStep(.confirm, at: 13),
            MacroStep(.openMenu("X"), at: 14),
            MacroStep(.confirm, at: 23),
        ])
    }

    @Test("Escapes type #, ¤ and backslash; the step starts at the backslash")
    func escapes() throws {
        #expect(try Macro.parse(###"Order \#12¤"###).steps == [
            MacroStep(.type("Order #12"), at: 1),
            MacroStep(.confirm, at: 11),
        ])
        #expect(try actions(###"\\ \¤ \#"###) == [.type(###"\ ¤ #"###)])
        #expect(try Macro.parse(###"¤\#"###).steps == [MacroStep(.confirm, at: 1), MacroStep(.type("#"), at: 2)])
    }

    @Test("Line breaks, spaces and any other characters are typed as written")
    func anyTextIsTyped() throws {
        #expect(try actions("Rad 1\nRad 2\t😀 åäö 🇸🇪") == [.type("Rad 1\nRad 2\t😀 åäö 🇸🇪")])
        #expect(try actions(" ") == [.type(" ")])
    }

    @Test("Positions count Characters, not bytes or scalars")
    func positionsCountCharacters() throws {
        let macro = try Macro.parse("🇸🇪e\u{301}å#KLUT#¤")
        #expect(macro.steps == [
            MacroStep(.type("🇸🇪e\u{301}å"), at: 1),
            MacroStep(.runFunction("KLUT"), at: 4),
            MacroStep(.confirm, at: 10),
        ])
    }

    @Test("A combining mark after a command is typed, at the position of the Character holding it")
    func combiningMarkAfterCommand() throws {
        let macro = try Macro.parse("¤\u{301}#A#")
        #expect(macro.steps == [
            MacroStep(.confirm, at: 1),
            MacroStep(.type("\u{301}"), at: 1),
            MacroStep(.runFunction("A"), at: 2),
        ])
    }

    @Test("Encoding a parsed macro gives back the exact text", arguments: [
        "##MENU#UtskickUtskrift2#¤", "#KLUT#", ###"Order \#12¤"###, ###"\\\¤\#"###, "a\nb¤#X#¤¤", "¤\u{301}",
    ])
    func encodeIsInverseOfParse(text: String) throws {
        let macro = try Macro.parse(text)
        #expect(Array(Macro.encode(macro.steps).unicodeScalars) == Array(text.unicodeScalars))
        #expect(macro.description == text)
    }

    @Test("Macro(actions:) writes the canonical macro and merges adjacent text")
    func buildFromActions() throws {
        let macro = try Macro(actions: [.type("50% #1 "), .type("¤ \\ off"), .confirm, .openMenu("Rea")], button: "Rea")
        #expect(macro.text == ###"50% \#1 \¤ \\ off¤##MENU#Rea#"###)
        #expect(macro.steps.map(\.action) == [.type("50% #1 ¤ \\ off"), .confirm, .openMenu("Rea")])
        #expect(macro.button == "Rea")
        #expect(Macro.escape("#¤\\x") == ###"\#\¤\\x"###)
    }

    @Test("Names: letters, digits and underscore only")
    func validNames() {
        #expect(Macro.isValidName("UtskickUtskrift2"))
        #expect(Macro.isValidName("_a_1"))
        #expect(!Macro.isValidName(""))
        #expect(!Macro.isValidName("a b"))
        #expect(!Macro.isValidName("Utskrift-2"))
        #expect(!Macro.isValidName("Kundurvalå"))
        #expect(!Macro.isValidName("A#"))
    }
}
