import KassaCore
import Testing

@Suite("Macro errors: code, position and message")
struct MacroErrorTests {
    private func failure(_ text: String, button: String? = nil) -> MacroError? {
        do {
            _ = try Macro.parse(text, button: button)
            return nil
        } catch {
            return error
        }
    }

    @Test("Each malformed macro fails with its code at its position", arguments: [
        // Unterminated names point at the "#" that opens them.
        ("##MENU#Utskick", MacroError.Code.unterminated, 7),
        ("Hej ##MENU#", .unterminated, 11),
        ("#KLUT", .unterminated, 1),
        ("ab#KLUT", .unterminated, 3),
        ("#", .unterminated, 1),
        ("##MENU", .unterminated, 1),
        ("##MENU##", .emptyName, 7),
        ("##NOTMENU#x#", .unknownDirective, 3),
        ("x##menu#X#", .unknownDirective, 4),
        ("##", .unknownDirective, 1),
        ("Hej ## då", .unknownDirective, 5),
        ("###KLUT#", .unknownDirective, 1),
        ("##MENU x#", .invalidCharacter, 7),
        ("#KL UT#", .invalidCharacter, 4),
        ("Pris #1 idag", .invalidCharacter, 8),
        ("##MENU#Utskické#", .invalidCharacter, 15),
        ("##MENU#Utsk-ick#", .invalidCharacter, 12),
        ("🇸🇪##MENU#A B#", .invalidCharacter, 10),
        ("#\u{301}KLUT#", .invalidCharacter, 1),
        (###"abc\n"###, .unknownEscape, 4),
        (###"\x"###, .unknownEscape, 1),
        (###"åäö😀\é"###, .unknownEscape, 5),
        (###"abc\"###, .danglingEscape, 4),
        (###"\\\"###, .danglingEscape, 3),
    ] as [(String, MacroError.Code, Int)])
    func codeAndPosition(text: String, code: MacroError.Code, position: Int) throws {
        let error = try #require(failure(text))
        #expect(error.code == code)
        #expect(error.position == position)
        #expect(error.macro == text)
        #expect(error.message.contains("position \(position)"))
    }

    @Test("The empty macro is an error without a position")
    func emptyMacro() throws {
        let error = try #require(failure(""))
        #expect(error.code == .empty)
        #expect(error.position == nil)
        #expect(error.message.hasPrefix(###"Macro "": the macro is empty"###))
    }

    @Test("Messages read like a sentence naming the macro, the position and the problem")
    func messages() throws {
        #expect(failure("##MENU#Utskick")?.message
            == ###"Macro "##MENU#Utskick": unterminated menu name starting at position 7 (expected a closing "#")"###)
        #expect(failure("##NOTMENU#x#")?.message
            == ###"Macro "##NOTMENU#x#": unknown directive "NOTMENU" at position 3 (only "##MENU#Name#" starts with "##"; to type "#", write "\#")"###)
        #expect(failure("##MENU##")?.message
            == ###"Macro "##MENU##": empty menu name at position 7 (write the name between the "#" signs, e.g. "##MENU#Name#")"###)
        #expect(failure("Pris #1 idag")?.message
            == ###"Macro "Pris #1 idag": invalid character " " (space) at position 8 in the function code starting at position 6 (names use only the letters A-Z and a-z, digits and "_", and end with "#"; to type "#", write "\#")"###)
        #expect(failure(###"abc\n"###)?.message
            == ###"Macro "abc\n": unknown escape "\n" at position 4 (write "\#" for "#", "\¤" for "¤" and "\\" for "\")"###)
        #expect(failure(###"abc\"###)?.message
            == ###"Macro "abc\": the "\" at position 4 ends the macro (write "\\" to type a backslash)"###)
        #expect(failure("##MENU#Utskické#")?.message.contains(###"invalid character "é" (U+00E9) at position 15"###) == true)
        #expect(failure("#\u{301}#")?.message.contains("invalid character U+0301 at position 1") == true)
    }

    @Test("The button is named when known")
    func buttonIsNamed() throws {
        let error = try #require(failure("#KLUT", button: "Kassalåda"))
        #expect(error.button == "Kassalåda")
        #expect(error.message
            == ###"Button "Kassalåda": macro "#KLUT": unterminated function code starting at position 1 (expected a closing "#"; to type "#", write "\#")"###)
        #expect(error.description == error.message)
    }

    @Test("A message stays on one line even when the macro has line breaks")
    func oneLineMessages() throws {
        let error = try #require(failure("Rad 1\nRad 2 #X", button: "Två\u{2028}rader"))
        #expect(!error.message.contains("\n"))
        #expect(!error.message.contains("\u{2028}"))
        #expect(error.message.hasPrefix(###"Button "Två\u{2028}rader": macro "Rad 1\u{0A}Rad 2 #X""###))
        #expect(error.position == 13)

        // A leading combining mark would otherwise merge with the opening quote.
        let mark = try #require(failure("\u{301}#"))
        #expect(mark.message.hasPrefix(###"Macro "\u{301}#": unterminated function code starting at position 2"###))
    }

    @Test("A very long macro is cut in the message")
    func longMacroIsCut() throws {
        let text = String(repeating: "a", count: 500) + "#"
        let error = try #require(failure(text))
        #expect(error.position == 501)
        #expect(error.message.contains(String(repeating: "a", count: 120) + "…\""))
        #expect(!error.message.contains(String(repeating: "a", count: 121)))
    }
}
