import Testing
@testable import KassaConfig
import KassaCore

/// Documents TOML v1.0.0 calls invalid, and where the parser says the mistake is.
@Suite struct TOMLParserErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var document: String
        var code: TOMLError.Code
        var line: Int
        var column: Int
        /// A part of the message that names the bad thing.
        var mentions: String

        init(_ document: String, _ code: TOMLError.Code, _ line: Int, _ column: Int, _ mentions: String) {
            self.document = document
            self.code = code
            self.line = line
            self.column = column
            self.mentions = mentions
        }

        var testDescription: String { document.debugDescription }
    }

    private func failure(_ document: String) -> TOMLError? {
        do {
            _ = try TOMLParser.parse(document, fileName: "kassa.toml")
            return nil
        } catch {
            return error
        }
    }

    private func check(_ example: Case) throws {
        let error = try #require(failure(example.document), "accepted: \(example.document)")
        #expect(error.code == example.code, "\(error)")
        #expect(error.location == TOMLLocation(line: example.line, column: example.column), "\(error)")
        #expect(error.message.contains(example.mentions), "\(error)")
    }

    @Test func theMessageReadsLikeASentenceWithFileLineAndColumn() throws {
        let error = try #require(failure("[shop]\n\nname \"Cykelbutiken\""))
        #expect(error.description == #"kassa.toml:3:6: expected "=" after the key "name""#)
        #expect(error.fileName == "kassa.toml")
        #expect(error.line == 3)
        #expect(error.column == 6)
        #expect(error.code == .syntax)
    }

    @Test(arguments: [
        // The specification's own examples.
        Case("key = # INVALID", .syntax, 1, 7, ##"expected a value after "=" for the key "key", found "#""##),
        Case("first = \"Tom\" last = \"Preston-Werner\" # INVALID", .syntax, 1, 15,
             #"expected a new line after the value of "first", found "last""#),
        Case("= \"no key name\"  # INVALID", .syntax, 1, 1, #"expected a key, found "=""#),
    ])
    func keyValuePairs(_ example: Case) throws { try check(example) }

    @Test(arguments: [
        Case("name = \"Tom\"\nname = \"Pradyun\"", .duplicateKey, 2, 1, #"the key "name" is defined twice; it was first defined at line 1"#),
        Case("spelling = \"favorite\"\n\"spelling\" = \"favourite\"", .duplicateKey, 2, 1, #""spelling" is defined twice"#),
        Case("fruit.apple = 1\nfruit.apple.smooth = true", .duplicateKey, 2, 7,
             #"the key "fruit.apple" holds an integer, defined at line 1, so it cannot be used as a table"#),
        Case("[fruit]\napple = \"red\"\n\n[fruit]\norange = \"orange\"", .duplicateTable, 4, 1,
             "the table [fruit] is defined twice; it was first defined at line 1"),
        Case("[fruit]\napple = \"red\"\n\n[fruit.apple]\ntexture = \"smooth\"", .duplicateKey, 4, 1,
             #"[fruit.apple] cannot define "fruit.apple" as a table: it already holds a string, defined at line 2"#),
        Case("[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple]", .duplicateTable, 4, 1,
             "the table [fruit.apple] was already defined by dotted keys at line 2"),
        Case("[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.taste]", .duplicateTable, 4, 1,
             "the table [fruit.apple.taste] was already defined by dotted keys at line 3"),
        Case("[product]\ntype = { name = \"Nail\" }\ntype.edible = false", .duplicateTable, 3, 1,
             #"the inline table "product.type", defined at line 2, cannot be extended"#),
        Case("[product]\ntype.name = \"Nail\"\ntype = { edible = false }", .duplicateKey, 3, 1,
             #"the key "product.type" is already a table, defined at line 2"#),
        Case("[fruit.physical]\ncolor = \"red\"\n[[fruit]]\nname = \"apple\"", .duplicateTable, 3, 1,
             "[[fruit]] cannot start an array of tables: [fruit] is already a table, defined at line 1"),
        Case("fruits = []\n\n[[fruits]] # Not allowed", .duplicateTable, 3, 1,
             #"[[fruits]] cannot append to the array "fruits" defined at line 1"#),
        Case("[[fruits]]\nname = \"apple\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[fruits.varieties]\nname = \"granny smith\"",
             .duplicateTable, 5, 1, "[fruits.varieties] conflicts with the array of tables [[fruits.varieties]] defined at line 3"),
        Case("[[fruits]]\n[fruits.physical]\ncolor = \"red\"\n[[fruits.physical]]\ncolor = \"green\"", .duplicateTable, 4, 1,
             "[[fruits.physical]] cannot start an array of tables: [fruits.physical] is already a table, defined at line 2"),
        // More redefinitions.
        Case("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", .duplicateTable, 4, 3, "the table [a.b.c] was defined by its header at line 1"),
        Case("[[a.b]]\n[a]\nb.y = 2", .duplicateTable, 3, 1, #""a.b" is an array of tables, defined at line 1"#),
        Case("[a]\n[a.b]\n[a]", .duplicateTable, 3, 1, "the table [a] is defined twice"),
        Case("a = { b = 1 }\n[a.c]", .duplicateTable, 2, 2, #"the inline table "a", defined at line 1, cannot be extended"#),
        Case("a = { b = 1 }\n[a]", .duplicateTable, 2, 1, #"[a] cannot reopen the inline table "a" defined at line 1"#),
        Case("a = { b = 1, b = 2 }", .duplicateKey, 1, 14, #"the key "a.b" is defined twice"#),
        Case("a = { b.c = 1, b = 2 }", .duplicateKey, 1, 16, #"the key "a.b" is already a table"#),
        Case("a = 1\n[a]", .duplicateKey, 2, 1, "it already holds an integer"),
        Case("\"a\" = 1\n'a' = 2", .duplicateKey, 2, 1, "defined twice"),
    ])
    func redefinitions(_ example: Case) throws { try check(example) }

    @Test(arguments: [
        Case("str5 = \"\"\"Here are three quotation marks: \"\"\".\"\"\"  # INVALID", .syntax, 1, 46, #"found ".""#),
        Case("apos15 = '''Here are fifteen apostrophes: ''''''''''''''''''  # INVALID", .invalidString, 1, 43,
             "cannot hold three apostrophes in a row"),
        Case("s = \"\"\"six \"\"\"\"\"\"", .invalidString, 1, 12, "cannot hold three quotation marks in a row"),
        Case("s = \"unclosed", .invalidString, 1, 5, "not closed before the end of the file"),
        Case("s = \"one\ntwo\"", .invalidString, 1, 5, "not closed on the line where it starts"),
        Case("s = 'one\ntwo'", .invalidString, 1, 5, "not closed on the line where it starts"),
        Case("s = \"\"\"never closed\n", .invalidString, 1, 5, "multi-line string is not closed"),
        Case("s = '''never closed", .invalidString, 1, 5, "multi-line string is not closed"),
        Case(#"path = "C:\Users\anna""#, .invalidString, 1, 11, #"the escape \U needs exactly 8 hexadecimal digits"#),
        Case(#"s = "a\xb""#, .invalidString, 1, 7, #"\x is not a valid escape"#),
        Case(#"s = "a\ b""#, .invalidString, 1, 7, "a backslash may end a line only in a"),
        Case(#"s = "\uD800""#, .invalidString, 1, 6, #"the escape \uD800 is not a Unicode scalar value"#),
        Case(#"s = "\U00110000""#, .invalidString, 1, 6, "not a Unicode scalar value"),
        Case(#"s = "\u12""#, .invalidString, 1, 6, "needs exactly 4 hexadecimal digits"),
        Case("s = \"bell\u{07}\"", .invalidString, 1, 10, "cannot hold the control character U+0007"),
        Case("s = 'del\u{7F}'", .invalidString, 1, 9, "U+007F"),
        Case("s = \"\"\"a\u{0B}b\"\"\"", .invalidString, 1, 9, "U+000B"),
        Case("s = \"\"\"a\rb\"\"\"", .syntax, 1, 9, "a carriage return must be followed by a line feed"),
        Case("\"\"\"key\"\"\" = 1", .syntax, 1, 1, "a key cannot be a multi-line string"),
        Case("# bell \u{07}\na = 1", .syntax, 1, 8, "a comment cannot hold the control character U+0007"),
    ])
    func strings(_ example: Case) throws { try check(example) }

    @Test(arguments: [
        Case("invalid_float_1 = .7", .invalidNumber, 1, 19, "a decimal point must have digits on both sides"),
        Case("invalid_float_2 = 7.", .invalidNumber, 1, 19, "a decimal point must have digits on both sides"),
        Case("invalid_float_3 = 3.e+20", .invalidNumber, 1, 19, "a decimal point must have digits on both sides"),
        Case("n = 0123", .invalidNumber, 1, 5, "the number 0123 is not valid: leading zeros are not allowed"),
        Case("n = 1__000", .invalidNumber, 1, 5, "an underscore must stand between two digits"),
        Case("n = 1_000_", .invalidNumber, 1, 5, "an underscore must stand between two digits"),
        Case("n = 0x_1F", .invalidNumber, 1, 5, "an underscore must stand between two digits"),
        Case("n = +0x1F", .invalidNumber, 1, 5, "cannot have a sign"),
        Case("n = 0xG1", .invalidNumber, 1, 5, "expected a digit of base 16"),
        Case("n = 0o8", .invalidNumber, 1, 5, "expected a digit of base 8"),
        Case("n = 0b102", .invalidNumber, 1, 5, "expected a digit of base 2"),
        Case("n = 9223372036854775808", .invalidNumber, 1, 5, "does not fit in a 64-bit signed integer"),
        Case("n = -9223372036854775809", .invalidNumber, 1, 5, "does not fit in a 64-bit signed integer"),
        Case("n = 0xFFFFFFFFFFFFFFFF", .invalidNumber, 1, 5, "does not fit in a 64-bit signed integer"),
        Case("n = 1e400", .invalidNumber, 1, 5, "too large for a 64-bit float"),
        Case("n = 1e", .invalidNumber, 1, 5, "an exponent needs digits"),
        Case("n = 1.5.2", .invalidNumber, 1, 5, #"unexpected ".2""#),
        Case("n = 12a", .invalidNumber, 1, 5, #"unexpected "a""#),
        Case("n = Inf", .syntax, 1, 5, "Inf must be written in lower case: inf"),
        Case("b = True", .syntax, 1, 5, "True must be written in lower case: true"),
        Case("tls = starttls", .syntax, 1, 7, #"the value starttls for the key "tls" is not valid; text needs quotes: "starttls""#),
    ])
    func numbersAndWords(_ example: Case) throws { try check(example) }

    @Test(arguments: [
        Case("d = 2026-02-30", .invalidDateTime, 1, 5, "the date 2026-02-30 does not exist"),
        Case("d = 2026-13-01", .invalidDateTime, 1, 5, "the date 2026-13-01 does not exist"),
        Case("d = 2023-02-29", .invalidDateTime, 1, 5, "does not exist"),
        Case("d = 2026-1-01", .invalidDateTime, 1, 5, "write dates as YYYY-MM-DD"),
        Case("t = 24:00:00", .invalidDateTime, 1, 5, "the time 24:00:00 does not exist"),
        Case("t = 07:32", .invalidDateTime, 1, 5, "write times as HH:MM:SS, with seconds"),
        Case("t = 07:32:00Z", .invalidDateTime, 1, 5, "a time without a date cannot have an offset"),
        Case("t = 07:32:00.", .invalidDateTime, 1, 5, "expected digits after the decimal point"),
        Case("dt = 1979-05-27X07:32:00", .invalidDateTime, 1, 6, "expected \"T\" between the date and the time"),
        Case("dt = 1979-05-27T07:32:00+7:00", .invalidDateTime, 1, 6, "write the offset as Z, +HH:MM or -HH:MM"),
        Case("dt = 1979-05-27T07:32:00+25:00", .invalidDateTime, 1, 6, "the offset is out of range"),
        Case("dt = 1979-05-27T07:32:00ZZ", .invalidDateTime, 1, 6, "unexpected text after the offset"),
    ])
    func datesAndTimes(_ example: Case) throws { try check(example) }

    @Test(arguments: [
        Case("a = [1 2]", .syntax, 1, 8, #"expected "," or "]" after an element of the array of the key "a", found "2""#),
        Case("a = [,]", .syntax, 1, 6, #"expected a value in the array of the key "a", found ",""#),
        Case("a = [1,\n2", .syntax, 1, 5, #"the array of the key "a" is not closed with "]""#),
        Case("a = { b = 1, }", .syntax, 1, 12, "an inline table cannot end with a comma"),
        Case("a = { b = 1,\n c = 2 }", .syntax, 1, 13, #"must be closed with "}" on the line where it starts"#),
        Case("a = { b = 1\n}", .syntax, 1, 12, #"must be closed with "}" on the line where it starts"#),
        Case("a = { b = 1 c = 2 }", .syntax, 1, 13, #"expected "," or "}" in the inline table of the key "a", found "c""#),
        Case("[a", .syntax, 1, 3, #"expected "]" to close the header [a], found the end of the file"#),
        Case("[[a]", .syntax, 1, 4, #"expected "]]" to close the header [[a]]"#),
        Case("[[a] ]", .syntax, 1, 4, #"expected "]]" to close the header [[a]]"#),
        Case("[a] b = 1", .syntax, 1, 5, #"expected a new line after the table header [a], found "b""#),
        Case("[]", .syntax, 1, 2, #"expected a key, found "]""#),
        Case("a.  = 1", .syntax, 1, 5, #"expected a key, found "=""#),
        Case("a = 1\rb = 2", .syntax, 1, 6, "a carriage return must be followed by a line feed"),
        Case("a = 1,", .syntax, 1, 6, #"expected a new line after the value of "a", found ",""#),
        Case("a = ", .syntax, 1, 5, "found the end of the file"),
        Case("a =\nb = 1", .syntax, 1, 4, "found the end of the line"),
        Case("\u{0B}a = 1", .syntax, 1, 1, "expected a key, found the control character U+000B"),
        Case("å = 1", .syntax, 1, 1, #"expected a key, found "å""#),
        Case("name = \"Åsa\" 🚲 = 1", .syntax, 1, 14, #"found "🚲""#),
    ])
    func structure(_ example: Case) throws { try check(example) }

    @Test func invalidUTF8IsNamedWithItsPosition() throws {
        let bytes = Array("a = \"ok\"\nb = \"".utf8) + [0xC3, 0x28] + Array("\"".utf8)
        do {
            _ = try TOMLParser.parse(bytes: bytes, fileName: "kassa.toml")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.code == .invalidEncoding)
            #expect(error.description == "kassa.toml:2:6: the file is not valid UTF-8 (byte 0xC3)")
        }
    }

    @Test(arguments: [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func surrogatesOverlongAndTruncatedSequencesAreNotUTF8(_ sequence: [UInt8]) {
        #expect(throws: TOMLError.self) {
            try TOMLParser.parse(bytes: Array("# ".utf8) + sequence, fileName: "x.toml")
        }
    }

    @Test func deepNestingIsRefusedInsteadOfOverflowingTheStack() throws {
        let deep = "a = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(failure(deep))
        #expect(error.code == .tooDeeplyNested)
        // The key `a` is the first level; the bracket that goes one deeper is refused.
        #expect(error.column == 4 + TOMLParser.maximumNesting)
        let fine = "a = " + String(repeating: "[", count: TOMLParser.maximumNesting - 1)
            + String(repeating: "]", count: TOMLParser.maximumNesting - 1)
        #expect(failure(fine) == nil)
    }

    @Test func deeplyDottedKeysAndHeadersAreRefused() throws {
        let deepKey = Array(repeating: "a", count: 5_000).joined(separator: ".")
        #expect(failure("[\(deepKey)]")?.code == .tooDeeplyNested)
        #expect(failure("\(deepKey) = 1")?.code == .tooDeeplyNested)
        let nestedInline = "x = " + String(repeating: "{ a.b = [", count: 50) + String(repeating: "] }", count: 50)
        #expect(failure(nestedInline)?.code == .tooDeeplyNested)
        let limit = Array(repeating: "a", count: TOMLParser.maximumNesting).joined(separator: ".")
        #expect(failure("[\(limit)]") == nil)
        #expect(failure("\(limit) = 1") == nil)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = try #require(failure("namn = \"Åsa Öberg\" x"))
        #expect(error.column == 20)
    }
}
