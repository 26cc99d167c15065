import Testing
@testable import KassaConfig

/// TOMLKit reads the document; these tests check what Kassa makes of it: every kind of
/// value, and the line of each key, which TOMLKit does not give and `TOMLLineIndex` finds.
@Suite struct TOMLDocumentTests {
    private func parse(_ text: String) throws -> TOMLTable {
        try TOMLDocument.parse(Array(text.utf8), fileName: "test.toml")
    }

    @Test func everyKindOfValueIsKept() throws {
        let table = try parse(#"""
            basic = "tab\there \u00E9"
            literal = 'C:\Users\anna'
            multi = """
            two
            lines"""
            hex = 0xDEAD_BEEF
            negative = -17
            float = 6.626e-34
            infinite = -inf
            flag = true
            instant = 1979-05-27T00:32:00.999999-07:00
            utc = 1979-05-27T07:32:00Z
            local = 1979-05-27T07:32:00
            day = 1979-05-27
            time = 00:32:00.5
            list = [1, "two", [3]]
            inline = { name = "BASIS", cost = 4.9 }
            """#)
        #expect(table["basic"] == .string("tab\there é"))
        #expect(table["literal"] == .string(#"C:\Users\anna"#))
        #expect(table["multi"] == .string("two\nlines"))
        #expect(table["hex"] == .integer(0xDEAD_BEEF))
        #expect(table["negative"] == .integer(-17))
        #expect(table["float"] == .float(6.626e-34))
        #expect(table["infinite"] == .float(-.infinity))
        #expect(table["flag"] == .boolean(true))
        #expect(table["instant"] == .offsetDateTime("1979-05-27T00:32:00.999999-07:00"))
        #expect(table["utc"] == .offsetDateTime("1979-05-27T07:32:00Z"))
        #expect(table["local"] == .localDateTime("1979-05-27T07:32:00"))
        #expect(table["day"] == .localDate("1979-05-27"))
        #expect(table["time"] == .localTime("00:32:00.5"))
        #expect(table["list"] == .array([.integer(1), .string("two"), .array([.integer(3)])]))
        #expect(table["inline"] == .table(["name": .string("BASIS"), "cost": .float(4.9)]))
        #expect(try parse("n = nan")["n"]?.doubleValue?.isNaN == true)
    }

    @Test func keysKnowTheirLinesPastCommentsAndValuesOnSeveralLines() throws {
        let table = try parse(#"""
            # kassa.toml
            [shop]
            name = """
            port = 5
            [limits]
            """

            [plugins]
            dirs = [
              "a",   # [smtp]
              "b",
            ]
            acme.allow = ["cards.order"]
            [[cards.templates]]
            name = "A"
            [[cards.templates]]
            name = "B"
            cost = { amount = 1 }
            """#)
        let shop = try #require(table["shop"]?.tableValue)
        #expect(table.line(of: "shop") == 2)
        #expect(shop.line == 2)
        #expect(shop.line(of: "name") == 3)
        #expect(shop["port"] == nil)
        #expect(table["limits"] == nil)
        let plugins = try #require(table["plugins"]?.tableValue)
        #expect(plugins.line == 8)
        #expect(plugins.line(of: "dirs") == 9)
        #expect(plugins.line(of: "acme") == 13)
        #expect(plugins["acme"]?.tableValue?.line(of: "allow") == 13)
        let cards = try #require(table["cards"]?.tableValue)
        #expect(cards.line == 14)
        let elements = try #require(cards["templates"]?.arrayValue)
        let templates = elements.compactMap { $0.tableValue }
        #expect(templates.map(\.line) == [14, 16])
        #expect(templates.map { $0.line(of: "name") } == [15, 17])
        #expect(templates[1].line(of: "cost") == 18)
        #expect(templates[1].line(of: "missing") == nil)
        #expect(table.line == nil)
    }

    @Test func tablesBuiltInCodeHaveNoLines() {
        let table: TOMLTable = ["shop": .table(["name": .string("Cykelbutiken")])]
        #expect(table.line(of: "shop") == nil)
        #expect(table["shop"]?.tableValue?.line == nil)
    }
}
