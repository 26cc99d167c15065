import Foundation
import KassaCore
import Testing
@testable import KassaCSV

@Suite struct CSVWriterTests {
    static func text(_ rows: [[String]], options: CSVWriter.Options = CSVWriter.Options()) throws -> String {
        let writer = CSVWriter(options: options)
        for row in rows { try writer.write(row) }
        try writer.finish()
        return String(decoding: writer.data, as: UTF8.self)
    }

    @Test func quotesOnlyWhereNeeded() throws {
        let text = try Self.text([["plain", "a,b", "say \"hi\"", "two\nlines", " padded ", "", "semi;colon"]])
        #expect(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",,semi;colon\r\n")
    }

    @Test func semicolonByteOrderMarkAndLineEnds() throws {
        let options = CSVWriter.Options(delimiter: .semicolon, includesByteOrderMark: true)
        let writer = CSVWriter(options: options)
        try writer.write(["Kundnr", "Ort"])
        try writer.write(["1", "Malmö; centrum"])
        try writer.finish()
        #expect(Array(writer.data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: writer.data.dropFirst(3), as: UTF8.self) == "Kundnr;Ort\r\n1;\"Malmö; centrum\"\r\n")
        #expect(try Self.text([["a", "b"]], options: CSVWriter.Options(usesCRLF: false)) == "a,b\n")
        #expect(try Self.text([["a,b"]], options: CSVWriter.Options(delimiter: .tab)) == "a,b\r\n")
    }

    @Test func neutralisesFormulas() {
        let dangerous = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "=1", "  =1+1",
                         "-", "+", "=cmd|' /C calc'!A0", "-1-1", "+46 70 123", "1+1"]
        let neutralised = dangerous.map(CSVWriter.neutralized)
        #expect(neutralised == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\rcmd", "'=1",
                                "'  =1+1", "'-", "'+", "'=cmd|' /C calc'!A0", "'-1-1", "'+46 70 123", "1+1"])
        // Plain numbers cannot run anything and stay as they are.
        for safe in ["-12", "+46701234567", "-1.5", "-0,25", "12", "Anna", "", "e=mc2", "a@b.se"] {
            #expect(CSVWriter.neutralized(safe) == safe, "\(safe)")
        }
    }

    @Test func writerAppliesNeutralisationUnlessTurnedOff() throws {
        #expect(try Self.text([["=1+1", "-5"]]) == "'=1+1,-5\r\n")
        #expect(try Self.text([["=1+1"]], options: CSVWriter.Options(neutralizesFormulas: false)) == "=1+1\r\n")
        // A neutralised cell that needs quotes gets both.
        #expect(try Self.text([["=A1,B1"]]) == "\"'=A1,B1\"\r\n")
    }

    /// Whatever the writer writes, the reader reads back (formula protection aside).
    @Test(arguments: [CSVDelimiter.comma, .semicolon, .tab])
    func roundTrip(delimiter: CSVDelimiter) throws {
        let rows: [[String]] = [
            ["plain", "", " spaced ", "comma, inside", "semi; inside", "tab\tinside"],
            ["\"", "\"\"", "quote \"in\" middle", "line\nbreak", "crlf\r\nbreak", "cr\ronly"],
            ["Åsa Öberg", "€ – “quotes”", "emoji 🚲", "trailing,", ",leading", "x"],
        ]
        for byteOrderMark in [false, true] {
            let options = CSVWriter.Options(delimiter: delimiter, includesByteOrderMark: byteOrderMark, neutralizesFormulas: false)
            let writer = CSVWriter(options: options)
            for row in rows { try writer.write(row) }
            try writer.finish()
            let reader = try CSVReader(data: writer.data)
            #expect(reader.delimiter == delimiter)
            #expect(try reader.readAll().map(\.fields) == rows)
        }
    }

    @Test func writesFiles() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-export-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try CSVWriter(path: url.path, options: CSVWriter.Options(delimiter: .semicolon))
        for index in 0..<10_000 { try writer.write(["\(index)", "row \(index)"]) }
        try writer.finish()
        let reader = try CSVReader(path: url.path)
        let records = try reader.readAll()
        #expect(records.count == 10_000)
        #expect(records.last?.fields == ["9999", "row 9999"])
        #expect(throws: CSVError.self) { try CSVWriter(path: "/nonexistent/dir/x.csv") }
    }
}

@Suite struct CustomerExportTests {
    static let customers: [Customer] = [
        Customer(number: "1001", firstName: "Åsa", lastName: "Öberg", company: "=HYPERLINK(\"http://evil\")", isCompany: true,
                 email: "asa@example.se", billingEmail: "faktura@example.se", contactEmails: ["a@x.se", "b@x.se"],
                 mobile: "+46701234567", street: "Storgatan 1, lgh 2", postalCode: "123 45", city: "Malmö", country: "SE",
                 family: "VIP", type: "Privat", category: "Cykel", points: -12, turnoverGroup: "B", newsletter: true,
                 newsletterAt: Date(timeIntervalSince1970: 1_772_357_400), receivesStatusMails: true,
                 lastVisit: CalendarDate(year: 2026, month: 1, day: 15),
                 vehicles: [Vehicle(type: "Cykel", brand: "Crescent", model: "Elina", plate: nil),
                            Vehicle(type: "Bil", brand: "Volvo", model: "V70", plate: "ABC 123")],
                 attributes: ["Skostorlek": "42", "Note": "@home"]),
        Customer(number: "1002", firstName: "Pieter", lastName: "de Vries", mobile: "+31612345678", country: "NL"),
        Customer(number: "-3", lastName: "Line\nbreak \"quoted\""),
    ]

    @Test func exportHasTheFieldColumnsAndOneRowPerVehicle() throws {
        let data = try CustomerCSVWriter.data(for: Self.customers, options: CSVWriter.Options(delimiter: .semicolon))
        let records = try CSVReader(data: data).readAll()
        let header = try #require(records.first).fields
        #expect(header == Customer.Field.allCases.map(\.rawValue)
            + ["vehicle_type", "vehicle_brand", "vehicle_model", "vehicle_plate", "attrs.Note", "attrs.Skostorlek"])
        #expect(records.count == 1 + 2 + 1 + 1)
        let first = Dictionary(uniqueKeysWithValues: zip(header, records[1].fields))
        #expect(first["company"] == "'=HYPERLINK(\"http://evil\")")
        #expect(first["points"] == "-12")
        #expect(first["mobile"] == "+46701234567")
        #expect(first["newsletter_at"] == "2026-03-01T09:30:00Z")
        #expect(first["last_visit"] == "2026-01-15")
        #expect(first["is_company"] == "yes")
        #expect(first["contact_emails"] == "a@x.se, b@x.se")
        #expect(first["attrs.Note"] == "'@home")
        #expect(records[2].fields[header.firstIndex(of: "vehicle_plate")!] == "ABC 123")
    }

    /// Export then import gives the same customers back, vehicles merged, formulas unprotected.
    @Test(arguments: [CSVDelimiter.comma, .semicolon])
    func exportThenImportRoundTrips(delimiter: CSVDelimiter) throws {
        let data = try CustomerCSVWriter.data(for: Self.customers,
                                              options: CSVWriter.Options(delimiter: delimiter, includesByteOrderMark: true))
        let imported = try CustomerCSVReader(data: data, defaultCountry: "SE").readAll()
        #expect(imported == Self.customers)
    }

    @Test func streamingExportToAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-customers-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try CSVWriter(path: url.path)
        let export = try CustomerCSVWriter(writer: writer, attributeKeys: ["Skostorlek"])
        for customer in Self.customers { try export.write(customer) }
        try writer.finish()
        let imported = try CustomerCSVReader(path: url.path, defaultCountry: "SE").readAll()
        #expect(imported.map(\.number) == Self.customers.map(\.number))
        #expect(imported[0].attributes == ["Skostorlek": "42"])
    }
}
