import Testing
@testable import KassaConfig
import KassaCore

/// Documents the TOML v1.0.0 specification calls valid, most of them its own examples.
@Suite struct TOMLParserTests {
    private func parse(_ text: String) throws -> TOMLTable {
        try TOMLParser.parse(text, fileName: "test.toml")
    }

    @Test func commentsAreIgnoredOutsideStrings() throws {
        let table = try parse("""
            # This is a full-line comment
            key = "value"  # This is a comment at the end of a line
            another = "# This is not a comment"
            """)
        #expect(table == ["key": .string("value"), "another": .string("# This is not a comment")])
    }

    @Test func bareAndQuotedKeys() throws {
        let table = try parse(#"""
            key = "value"
            bare_key = "value"
            bare-key = "value"
            1234 = "value"
            "127.0.0.1" = "value"
            "character encoding" = "value"
            "ʎǝʞ" = "value"
            'key2' = "value"
            'quoted "value"' = "value"
            "" = "blank"
            """#)
        #expect(table.keys == ["key", "bare_key", "bare-key", "1234", "127.0.0.1", "character encoding",
                               "ʎǝʞ", "key2", "quoted \"value\"", ""])
    }

    @Test func emptyLiteralKey() throws {
        #expect(try parse("'' = 'blank'") == ["": .string("blank")])
    }

    @Test func dottedKeysBuildTables() throws {
        let table = try parse("""
            name = "Orange"
            physical.color = "orange"
            physical.shape = "round"
            site."google.com" = true
            fruit.name = "banana"     # this is best practice
            fruit. color = "yellow"    # same as fruit.color
            fruit . flavor = "banana"   # same as fruit.flavor
            3.14159 = "pi"
            """)
        #expect(table == [
            "name": .string("Orange"),
            "physical": .table(["color": .string("orange"), "shape": .string("round")]),
            "site": .table(["google.com": .boolean(true)]),
            "fruit": .table(["name": .string("banana"), "color": .string("yellow"), "flavor": .string("banana")]),
            "3": .table(["14159": .string("pi")]),
        ])
    }

    @Test func dottedKeysMayExtendAndInterleave() throws {
        let table = try parse("""
            fruit.apple.smooth = true
            fruit.orange = 2
            apple.type = "fruit"
            orange.type = "fruit"
            apple.skin = "thin"
            orange.skin = "thick"
            """)
        #expect(table["fruit"] == .table(["apple": .table(["smooth": .boolean(true)]), "orange": .integer(2)]))
        #expect(table["apple"] == .table(["type": .string("fruit"), "skin": .string("thin")]))
        #expect(table["orange"] == .table(["type": .string("fruit"), "skin": .string("thick")]))
    }

    @Test func basicStringEscapes() throws {
        let table = try parse(#"""
            str = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF."
            all = "\b\t\n\f\r\"\\"
            emoji = "\U0001F6B2 \u00e5"
            tab = "a	b"
            """#)
        #expect(table["str"] == .string("I'm a string. \"You can quote me\". Name\tJos\u{E9}\nLocation\tSF."))
        #expect(table["all"] == .string("\u{08}\t\n\u{0C}\r\"\\"))
        #expect(table["emoji"] == .string("\u{1F6B2} å"))
        #expect(table["tab"] == .string("a\tb"))
    }

    @Test func multilineBasicStrings() throws {
        let table = try parse(#"""
            str1 = """
            Roses are red
            Violets are blue"""
            fox1 = "The quick brown fox jumps over the lazy dog."
            fox2 = """
            The quick brown \


              fox jumps over \
                the lazy dog."""
            fox3 = """\
                   The quick brown \
                   fox jumps over \
                   the lazy dog.\
                   """
            str4 = """Here are two quotation marks: "". Simple enough."""
            str5 = """Here are three quotation marks: ""\"."""
            str6 = """Here are fifteen quotation marks: ""\"""\"""\"""\"""\"."""
            str7 = """"This," she said, "is just a pointless statement.""""
            """#)
        #expect(table["str1"] == .string("Roses are red\nViolets are blue"))
        #expect(table["fox2"] == table["fox1"])
        #expect(table["fox3"] == table["fox1"])
        #expect(table["str4"] == .string("Here are two quotation marks: \"\". Simple enough."))
        #expect(table["str5"] == .string("Here are three quotation marks: \"\"\"."))
        #expect(table["str6"] == .string("Here are fifteen quotation marks: " + String(repeating: "\"", count: 15) + "."))
        #expect(table["str7"] == .string("\"This,\" she said, \"is just a pointless statement.\""))
    }

    @Test func crlfInsideMultilineStringsBecomesLF() throws {
        let table = try parse("a = \"\"\"\r\none\r\ntwo\"\"\"\r\nb = '''x\r\ny'''\r\n")
        #expect(table["a"] == .string("one\ntwo"))
        #expect(table["b"] == .string("x\ny"))
    }

    @Test func literalStrings() throws {
        let table = try parse(#"""
            winpath  = 'C:\Users\nodejs\templates'
            winpath2 = '\\ServerX\admin$\system32\'
            quoted   = 'Tom "Dubs" Preston-Werner'
            regex    = '<\i\c*\s*>'
            regex2 = '''I [dw]on't need \d{2} apples'''
            lines  = '''
            The first newline is
            trimmed in raw strings.
               All other whitespace
               is preserved.
            '''
            quot15 = '''Here are fifteen quotation marks: """""""""""""""'''
            apos15 = "Here are fifteen apostrophes: '''''''''''''''"
            str = ''''That,' she said, 'is still pointless.''''
            """#)
        #expect(table["winpath"] == .string(#"C:\Users\nodejs\templates"#))
        #expect(table["winpath2"] == .string(#"\\ServerX\admin$\system32\"#))
        #expect(table["quoted"] == .string(#"Tom "Dubs" Preston-Werner"#))
        #expect(table["regex"] == .string(#"<\i\c*\s*>"#))
        #expect(table["regex2"] == .string(#"I [dw]on't need \d{2} apples"#))
        #expect(table["lines"] == .string("The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n"))
        #expect(table["quot15"] == .string("Here are fifteen quotation marks: " + String(repeating: "\"", count: 15)))
        #expect(table["apos15"] == .string("Here are fifteen apostrophes: " + String(repeating: "'", count: 15)))
        #expect(table["str"] == .string("'That,' she said, 'is still pointless.'"))
    }

    @Test func integers() throws {
        let table = try parse("""
            int1 = +99
            int2 = 42
            int3 = 0
            int4 = -17
            int5 = 1_000
            int6 = 5_349_221
            int7 = 53_49_221
            int8 = 1_2_3_4_5
            zero1 = -0
            zero2 = +0
            hex1 = 0xDEADBEEF
            hex2 = 0xdeadbeef
            hex3 = 0xdead_beef
            oct1 = 0o01234567
            oct2 = 0o755
            bin1 = 0b11010110
            max = 9_223_372_036_854_775_807
            min = -9223372036854775808
            hexmax = 0x7FFFFFFFFFFFFFFF
            """)
        let expected: [String: Int64] = [
            "int1": 99, "int2": 42, "int3": 0, "int4": -17, "int5": 1000, "int6": 5_349_221, "int7": 5_349_221,
            "int8": 12345, "zero1": 0, "zero2": 0, "hex1": 0xDEADBEEF, "hex2": 0xDEADBEEF, "hex3": 0xDEADBEEF,
            "oct1": 0o1234567, "oct2": 0o755, "bin1": 0b11010110, "max": .max, "min": .min, "hexmax": .max,
        ]
        #expect(table.dictionary == expected.mapValues { .integer($0) })
    }

    @Test func floats() throws {
        let table = try parse("""
            flt1 = +1.0
            flt2 = 3.1415
            flt3 = -0.01
            flt4 = 5e+22
            flt5 = 1e06
            flt6 = -2E-2
            flt7 = 6.626e-34
            flt8 = 224_617.445_991_228
            flt9 = 1e1_0
            negzero = -0.0
            sf1 = inf
            sf2 = +inf
            sf3 = -inf
            """)
        let expected: [String: Double] = [
            "flt1": 1.0, "flt2": 3.1415, "flt3": -0.01, "flt4": 5e22, "flt5": 1e6, "flt6": -0.02,
            "flt7": 6.626e-34, "flt8": 224_617.445_991_228, "flt9": 1e10, "negzero": -0.0,
            "sf1": .infinity, "sf2": .infinity, "sf3": -.infinity,
        ]
        #expect(table.dictionary == expected.mapValues { .float($0) })
        #expect(table["negzero"]?.doubleValue?.sign == .minus)
    }

    @Test(arguments: ["nan", "+nan", "-nan"])
    func notANumber(_ text: String) throws {
        let value = try parse("sf = \(text)")["sf"]
        #expect(value?.doubleValue?.isNaN == true)
    }

    @Test func booleans() throws {
        #expect(try parse("bool1 = true\nbool2 = false") == ["bool1": .boolean(true), "bool2": .boolean(false)])
    }

    @Test func datesAndTimesKeepTheirTextNormalised() throws {
        let table = try parse("""
            odt1 = 1979-05-27T07:32:00Z
            odt2 = 1979-05-27T00:32:00-07:00
            odt3 = 1979-05-27T00:32:00.999999-07:00
            odt4 = 1979-05-27 07:32:00Z
            odt5 = 1979-05-27t07:32:00z
            ldt1 = 1979-05-27T07:32:00
            ldt2 = 1979-05-27T00:32:00.999999
            ldt3 = 1979-05-27 00:32:00
            ld1 = 1979-05-27
            leap = 2024-02-29
            lt1 = 07:32:00
            lt2 = 00:32:00.999999
            in_array = [1979-05-27 07:32:00, 1979-05-27]
            """)
        #expect(table["odt1"] == .offsetDateTime("1979-05-27T07:32:00Z"))
        #expect(table["odt2"] == .offsetDateTime("1979-05-27T00:32:00-07:00"))
        #expect(table["odt3"] == .offsetDateTime("1979-05-27T00:32:00.999999-07:00"))
        #expect(table["odt4"] == .offsetDateTime("1979-05-27T07:32:00Z"))
        #expect(table["odt5"] == .offsetDateTime("1979-05-27T07:32:00Z"))
        #expect(table["ldt1"] == .localDateTime("1979-05-27T07:32:00"))
        #expect(table["ldt2"] == .localDateTime("1979-05-27T00:32:00.999999"))
        #expect(table["ldt3"] == .localDateTime("1979-05-27T00:32:00"))
        #expect(table["ld1"] == .localDate("1979-05-27"))
        #expect(table["leap"] == .localDate("2024-02-29"))
        #expect(table["lt1"] == .localTime("07:32:00"))
        #expect(table["lt2"] == .localTime("00:32:00.999999"))
        #expect(table["in_array"] == .array([.localDateTime("1979-05-27T07:32:00"), .localDate("1979-05-27")]))
    }

    @Test func arrays() throws {
        let table = try parse("""
            integers = [ 1, 2, 3 ]
            colors = [ "red", "yellow", "green" ]
            nested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]
            nested_mixed_array = [ [ 1, 2 ], ["a", "b", "c"] ]
            string_array = [ "all", 'strings', \"\"\"are the same\"\"\", '''type''' ]
            numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]
            contributors = [
              "Foo Bar <foo@example.com>",
              { name = "Baz Qux", email = "bazqux@example.com", url = "https://example.com/bazqux" }
            ]
            integers2 = [
              1, 2, 3
            ]
            integers3 = [
              1,
              2, # this is ok
            ]
            empty = [ ]
            commented = [ # first
              # a whole comment line
              1 # after a value
              , 2
            ]
            """)
        #expect(table["integers"] == .array([.integer(1), .integer(2), .integer(3)]))
        #expect(table["colors"] == .array([.string("red"), .string("yellow"), .string("green")]))
        #expect(table["nested_arrays_of_ints"] == .array([
            .array([.integer(1), .integer(2)]), .array([.integer(3), .integer(4), .integer(5)]),
        ]))
        #expect(table["nested_mixed_array"] == .array([
            .array([.integer(1), .integer(2)]), .array([.string("a"), .string("b"), .string("c")]),
        ]))
        #expect(table["string_array"] == .array(["all", "strings", "are the same", "type"].map(TOMLValue.string)))
        #expect(table["numbers"] == .array([.float(0.1), .float(0.2), .float(0.5), .integer(1), .integer(2), .integer(5)]))
        #expect(table["contributors"] == .array([
            .string("Foo Bar <foo@example.com>"),
            .table(["name": .string("Baz Qux"), "email": .string("bazqux@example.com"),
                    "url": .string("https://example.com/bazqux")]),
        ]))
        #expect(table["integers2"] == table["integers"])
        #expect(table["integers3"] == .array([.integer(1), .integer(2)]))
        #expect(table["empty"] == .array([]))
        #expect(table["commented"] == .array([.integer(1), .integer(2)]))
    }

    @Test func tableHeaders() throws {
        let table = try parse("""
            [table-1]
            key1 = "some string"
            key2 = 123

            [table-2]
            key1 = "another string"
            key2 = 456

            [dog."tater.man"]
            type.name = "pug"

            [a.b.c]            # this is best practice
            [ d.e.f ]          # same as [d.e.f]
            [ g .  h  . i ]    # same as [g.h.i]
            [ j . "ʞ" . 'l' ]  # same as [j."ʞ".'l']
            """)
        #expect(table["table-1"] == .table(["key1": .string("some string"), "key2": .integer(123)]))
        #expect(table["table-2"] == .table(["key1": .string("another string"), "key2": .integer(456)]))
        #expect(table["dog"] == .table(["tater.man": .table(["type": .table(["name": .string("pug")])])]))
        #expect(table["a"] == .table(["b": .table(["c": .table([:])])]))
        #expect(table["d"] == .table(["e": .table(["f": .table([:])])]))
        #expect(table["g"] == .table(["h": .table(["i": .table([:])])]))
        #expect(table["j"] == .table(["ʞ": .table(["l": .table([:])])]))
    }

    @Test func superTablesMayBeDefinedAfterwards() throws {
        let table = try parse("""
            # [x] you
            # [x.y] don't
            # [x.y.z] need these
            [x.y.z.w] # for this to work

            [x] # defining a super-table afterward is ok
            answer = 42
            """)
        #expect(table["x"] == .table(["y": .table(["z": .table(["w": .table([:])])]), "answer": .integer(42)]))
    }

    @Test func outOfOrderTablesAndRootKeys() throws {
        let table = try parse("""
            # Top-level table begins.
            name = "Fido"
            breed = "pug"

            # Top-level table ends.
            [owner]
            name = "Regina Dogman"
            member_since = 1999-08-04

            [fruit.apple]
            [animal]
            [fruit.orange]
            """)
        #expect(table["name"] == .string("Fido"))
        #expect(table["owner"] == .table(["name": .string("Regina Dogman"), "member_since": .localDate("1999-08-04")]))
        #expect(table["fruit"] == .table(["apple": .table([:]), "orange": .table([:])]))
        #expect(table["animal"] == .table([:]))
    }

    @Test func headersMayAddSubTablesToDottedTables() throws {
        let table = try parse("""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true

            [fruit.apple.texture]  # you can add sub-tables
            smooth = true
            """)
        #expect(table["fruit"] == .table(["apple": .table([
            "color": .string("red"),
            "taste": .table(["sweet": .boolean(true)]),
            "texture": .table(["smooth": .boolean(true)]),
        ])]))
    }

    @Test func inlineTablesEqualTheirStandardForm() throws {
        let inline = try parse("""
            name = { first = "Tom", last = "Preston-Werner" }
            point = { x = 1, y = 2 }
            animal = { type.name = "pug" }
            empty = {}
            nested = { a = { b = [1, { c = 2 }] } }
            """)
        let standard = try parse("""
            empty = {}
            nested = { a = { b = [1, { c = 2 }] } }
            [name]
            first = "Tom"
            last = "Preston-Werner"

            [point]
            x = 1
            y = 2

            [animal]
            type.name = "pug"
            """)
        #expect(inline == standard)
        #expect(inline["nested"]?["a"]?["b"] == .array([.integer(1), .table(["c": .integer(2)])]))
    }

    @Test func arraysOfTables() throws {
        let table = try parse("""
            [[products]]
            name = "Hammer"
            sku = 738594937

            [[products]]  # empty table within the array

            [[products]]
            name = "Nail"
            sku = 284758393

            color = "gray"
            """)
        #expect(table["products"] == .array([
            .table(["name": .string("Hammer"), "sku": .integer(738_594_937)]),
            .table([:]),
            .table(["name": .string("Nail"), "sku": .integer(284_758_393), "color": .string("gray")]),
        ]))
    }

    @Test func nestedArraysOfTablesBelongToTheLatestElement() throws {
        let table = try parse("""
            [[fruits]]
            name = "apple"

            [fruits.physical]  # subtable
            color = "red"
            shape = "round"

            [[fruits.varieties]]  # nested array of tables
            name = "red delicious"

            [[fruits.varieties]]
            name = "granny smith"


            [[fruits]]
            name = "banana"

            [[fruits.varieties]]
            name = "plantain"

            [other]
            points = [ { x = 1, y = 2, z = 3 },
                       { x = 7, y = 8, z = 9 } ]
            """)
        #expect(table["fruits"] == .array([
            .table([
                "name": .string("apple"),
                "physical": .table(["color": .string("red"), "shape": .string("round")]),
                "varieties": .array([.table(["name": .string("red delicious")]), .table(["name": .string("granny smith")])]),
            ]),
            .table(["name": .string("banana"), "varieties": .array([.table(["name": .string("plantain")])])]),
        ]))
        #expect(table["other"]?["points"]?.arrayValue?.count == 2)
    }

    @Test func keysKeepDocumentOrderAndLocations() throws {
        let table = try parse("""
            zeta = 1
            alpha = 2

            [shop]
              name = "Cykelbutiken"
              country.code = "SE"
            [[cards.templates]]
            name = "BASIS"
            """)
        #expect(table.keys == ["zeta", "alpha", "shop", "cards"])
        #expect(table.location(of: "alpha") == TOMLLocation(line: 2, column: 1))
        #expect(table.location(of: "shop") == TOMLLocation(line: 4, column: 1))
        let shop = try #require(table["shop"]?.tableValue)
        #expect(shop.location == TOMLLocation(line: 4, column: 1))
        #expect(shop.location(of: "name") == TOMLLocation(line: 5, column: 3))
        #expect(shop.location(of: "country") == TOMLLocation(line: 6, column: 3))
        let template = try #require(table["cards"]?["templates"]?.arrayValue?.first?.tableValue)
        #expect(template.location == TOMLLocation(line: 7, column: 1))
        #expect(template.location(of: "name") == TOMLLocation(line: 8, column: 1))
    }

    @Test func aHeaderMovesAnImplicitTableToItsOwnLine() throws {
        let table = try parse("[a.b]\nx = 1\n[a]\ny = 2")
        #expect(table.location(of: "a") == TOMLLocation(line: 3, column: 1))
    }

    @Test func emptyDocumentsAndLineEndings() throws {
        #expect(try parse("").isEmpty)
        #expect(try parse("\n\n  # only a comment\n").isEmpty)
        #expect(try parse("a = 1\r\nb = 2\r\n") == ["a": .integer(1), "b": .integer(2)])
        #expect(try parse("a = 1") == ["a": .integer(1)])
        #expect(try parse("\u{FEFF}a = 1") == ["a": .integer(1)])
    }

    @Test func nonASCIIInCommentsAndStrings() throws {
        #expect(try parse("# Öl & smörgås ✓\nname = \"Cykelbutiken Åre\" # 🚲") == ["name": .string("Cykelbutiken Åre")])
    }

    @Test func descriptionWritesTOML() throws {
        let table = try parse(#"""
            s = "a \"b\"\n"
            f = 2.5
            i = -3
            list = [1, "x", true, inf]
            t = { name = "BASIS", "odd key" = 1979-05-27 }
            """#)
        #expect(table["s"]?.description == #""a \"b\"\n""#)
        #expect(table["f"]?.description == "2.5")
        #expect(table["list"]?.description == #"[1, "x", true, inf]"#)
        #expect(table["t"]?.description == #"{ name = "BASIS", "odd key" = 1979-05-27 }"#)
        for key in table.keys {
            let written = try #require(table[key]?.description)
            #expect(try parse("again = \(written)")["again"] == table[key], "\(key) = \(written)")
        }
    }
}
