import Foundation
import KassaCore
import Testing
@testable import KassaCSV

@Suite struct CustomerImportTests {
    static let stockholm = TimeZone(identifier: "Europe/Stockholm")!

    static func customers(_ text: String, mappings: [String] = [], country: String? = "SE") throws -> [Customer] {
        try CustomerCSVReader(data: Data(text.utf8), fileName: "customers.csv",
                              mappings: mappings.map(CustomerColumnMapping.init(parsing:)),
                              defaultCountry: country, timeZone: stockholm).readAll()
    }

    static func error(_ text: String, country: String? = "SE") -> CSVError? {
        do {
            _ = try customers(text, country: country)
            return nil
        } catch {
            return error as? CSVError
        }
    }

    @Test func decodesASwedishExport() throws {
        let text = """
            Kundnr;Förnamn;Efternamn;E-post;Mobil;Gatuadress;Postnummer;Ort;Land;Poäng;Nyhetsbrev;Senaste besök;Fordonstyp;Märke;Födelsedag\r
            1001;Åsa;Öberg;asa@example.se;070-123 45 67;"Storgatan 1; lgh 2";123 45;Malmö;Sverige;1 250;ja;2026-01-15;Cykel;Crescent;1980-05-01\r
            1002; Erik ;Berg;;;;;;;;nej;;;;\r
            """
        let customers = try Self.customers(text)
        #expect(customers.count == 2)
        var expected = Customer(number: "1001", firstName: "Åsa", lastName: "Öberg", email: "asa@example.se",
                                mobile: "+46701234567", street: "Storgatan 1; lgh 2", postalCode: "123 45", city: "Malmö",
                                country: "SE", points: 1250, newsletter: true,
                                lastVisit: CalendarDate(year: 2026, month: 1, day: 15),
                                vehicles: [Vehicle(type: "Cykel", brand: "Crescent")],
                                attributes: ["Födelsedag": "1980-05-01"])
        #expect(customers[0] == expected)
        expected = Customer(number: "1002", firstName: "Erik", lastName: "Berg")
        #expect(customers[1] == expected)
    }

    @Test func decodesOtherLanguagesAndTheirValues() throws {
        let dutch = try Self.customers("""
            Klantnummer,Voornaam,Mobiel,Nieuwsbrief,Laatste bezoek,Punten,Omzetgroep,Kenteken
            K-7,Pieter,06-12345678,Ja,3-4-2026,"1.500",B,12-ABC-3
            """, country: "NL")
        #expect(dutch == [Customer(number: "K-7", firstName: "Pieter", mobile: "+31612345678", points: 1500, turnoverGroup: "B",
                                   newsletter: true, lastVisit: CalendarDate(year: 2026, month: 4, day: 3),
                                   vehicles: [Vehicle(plate: "12-ABC-3")])])
        let french = try Self.customers("""
            N° client;Prénom;Nom;Portable;Pays;Accepte les emails promotionnels;Dernière visite
            C1;Chloé;Lefèvre;06 12 34 56 78;France;oui;31/12/2025
            C2;Jean;Martin;0470 12 34 56;Belgique;non;
            """)
        #expect(french.map(\.mobile) == ["+33612345678", "+32470123456"])
        #expect(french.map(\.newsletter) == [true, false])
        #expect(french.map(\.country) == ["FR", "BE"])
        let german = try Self.customers("Kundennummer\tVorname\tHandy\tNewsletter\tLetzter Besuch\n9\tJürgen\t0151 23456789\tnein\t01.02.2026\n",
                                        country: "DE")
        #expect(german.first?.mobile == "+4915123456789")
        #expect(german.first?.lastVisit == CalendarDate(year: 2026, month: 2, day: 1))
    }

    @Test func consentTimesAndContactEmails() throws {
        let customers = try Self.customers("""
            number,newsletter,newsletter_at,contact_emails,billing_email,is_company,receives_status_mails
            1,yes,2026-03-01 10:30,"a@x.se, b@x.se;c@x.se",invoice@x.se,x,1
            """)
        let customer = try #require(customers.first)
        #expect(customer.newsletterAt == Date(timeIntervalSince1970: 1_772_357_400))
        #expect(customer.contactEmails == ["a@x.se", "b@x.se", "c@x.se"])
        #expect(customer.billingEmail == "invoice@x.se")
        #expect(customer.isCompany)
        #expect(customer.receivesStatusMails)
    }

    @Test func blankRowsAreSkipped() throws {
        let customers = try Self.customers("Kundnr;Namn\n1;A\n;\n ; \n2;B\n;;;;\n")
        #expect(customers.map(\.number) == ["1", "2"])
    }

    @Test func rowsOfOneCustomerAreMergedIntoVehicles() throws {
        let customers = try Self.customers("""
            Kundnr;Förnamn;Mobil;Märke;Regnr
            1;Åsa;0701234567;Volvo;ABC123
            1;;+46701234567;Saab;XYZ789
            2;Erik;;;
            1;Åsa;;Audi;QQQ111
            """)
        #expect(customers.map(\.number) == ["1", "2", "1"])
        #expect(customers[0].vehicles == [Vehicle(brand: "Volvo", plate: "ABC123"), Vehicle(brand: "Saab", plate: "XYZ789")])
        #expect(customers[0].firstName == "Åsa")
        #expect(customers[1].vehicles.isEmpty)
        #expect(customers[2].vehicles == [Vehicle(brand: "Audi", plate: "QQQ111")])
    }

    @Test func rowsOfOneCustomerMustAgree() throws {
        let error = try #require(Self.error("Kundnr;Förnamn;Märke\n1;Åsa;Volvo\n1;Anna;Saab\n"))
        #expect(error.code == .conflictingRows)
        #expect(error.description == "customers.csv:3: column \"Förnamn\": \"Anna\" differs from \"Åsa\" on line 2, a row of the same customer")
    }

    @Test func explicitMappingsApply() throws {
        let customers = try Self.customers("Id;Telefon;Namn\n5;0701234567;Berg\n", mappings: ["Id=number", "Telefon=mobile", "Namn=last_name"])
        #expect(customers == [Customer(number: "5", lastName: "Berg", mobile: "+46701234567")])
    }

    @Test func protectedFormulaCellsLoseTheirApostrophe() throws {
        let customers = try Self.customers("number,first_name,company\n1,'=HYPERLINK(1),'@SUM\n")
        #expect(customers.first?.firstName == "=HYPERLINK(1)")
        #expect(customers.first?.company == "@SUM")
    }

    /// Every kind of bad row, each with the line, the column and the value in the message.
    @Test(arguments: [
        ("Kundnr;Poäng\n1;12\n2;12a\n", "customers.csv:3: column \"Poäng\": \"12a\" is not a whole number", CSVError.Code.invalidValue),
        ("Kundnr;Poäng;Ort\n1;12;Lund\n2;13\n", "customers.csv:3: the row has 2 fields but the header has 3; a separator or a quote is probably missing", .wrongFieldCount),
        ("Kundnr;Ort\n1;Lund;x\n", "customers.csv:2: column 3: the row has 3 fields but the header has 2; a value has no column", .wrongFieldCount),
        ("Kundnr;Ort\n1;\"Lund\n2;Malmö\n", "customers.csv:2: column \"Ort\": the quoted field that opens here is never closed", .unterminatedQuote),
        ("Kundnr;Senaste besök\n1;2026-02-30\n", "customers.csv:2: column \"Senaste besök\": \"2026-02-30\" is not a date (YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY)", .invalidValue),
        ("Kundnr;Senaste besök\n1;04/23/2026\n", "customers.csv:2: column \"Senaste besök\": \"04/23/2026\" is not a date: dates are read day first (YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY), and there is no month above 12", .invalidValue),
        ("Kundnr;E-post\n1;anna@\n", "customers.csv:2: column \"E-post\": \"anna@\" is not an e-mail address", .invalidValue),
        ("Kundnr;Mobil\n1;070-ABC\n", "customers.csv:2: column \"Mobil\": \"070-ABC\" is not a phone number", .invalidValue),
        ("Kundnr;Mobil\n1;070 12\n", "customers.csv:2: column \"Mobil\": \"070 12\" has too few or too many digits for a mobile number in SE", .invalidValue),
        ("Kundnr;Nyhetsbrev\n1;kanske\n", "customers.csv:2: column \"Nyhetsbrev\": \"kanske\" is not yes or no (ja/nej, ja/nee, oui/non, ja/nein, yes/no, 1/0, x)", .invalidValue),
        ("Kundnr;Land\n1;Sweeden\n", "customers.csv:2: column \"Land\": \"Sweeden\" is not a country (an ISO code such as SE, NL, FR, DE, or a country's name)", .invalidValue),
        ("Kundnr;Ort\n;Lund\n", "customers.csv:2: column \"Kundnr\": the customer number is empty", .invalidValue),
        ("Kundnr;Ort\n\"10\r\n0\";Lund\n", "customers.csv:2: column \"Kundnr\": \"10\\r\\n0\" holds a control character (such as a line break or a tab), which a customer number may not hold", .invalidValue),
        ("Kundnr;Ort\n1;\"Lu\"nd\"\n", "customers.csv:2: column \"Ort\": \"n\" follows the closing quote of a quoted field; a quote inside a quoted field must be doubled (\"\")", .characterAfterQuote),
        ("number,contact_emails\n1,\"a@x.se, b@\"\n", "customers.csv:2: column \"contact_emails\": \"a@x.se, b@\" holds \"b@\", which is not an e-mail address", .invalidValue),
        ("number,newsletter_at\n1,2026-03-01 25:00\n", "customers.csv:2: column \"newsletter_at\": \"2026-03-01 25:00\" is not a date (YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY, optionally with a time)", .invalidValue),
    ])
    func badRowsAreNamed(text: String, message: String, code: CSVError.Code) throws {
        let error = try #require(Self.error(text))
        #expect(error.description == message)
        #expect(error.code == code)
    }

    /// A number with a control character would reach HTTP headers and file names later
    /// (an SMS's idempotency key): every C0 character, DEL and the C1 range is refused.
    @Test(arguments: ["10\u{0}0", "1\t2", "1\n2", "1\r2", "1\u{1B}2", "1\u{7F}2", "1\u{85}2", "1\u{9F}2"])
    func customerNumbersWithControlCharactersAreRefused(number: String) throws {
        let error = try #require(Self.error("Kundnr;Ort\n1;Lund\n\"\(number)\";Malmö\n"))
        #expect(error.code == .invalidValue)
        #expect(error.line == 3)
        #expect(error.columnName == "Kundnr")
        #expect(error.description.contains("holds a control character"), "\(error)")
        #expect(!error.description.contains(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }),
                "the value is shown escaped: \(error)")
        // Visible characters of every script stay allowed, and so do spaces inside.
        #expect(try Self.customers("Kundnr;Ort\nÅ-1 2/ü;Lund\n").map(\.number) == ["Å-1 2/ü"])
    }

    @Test func errorsCarryTheirParts() throws {
        let error = try #require(Self.error("Kundnr;Ort;Poäng\n1;Lund;5\n\n2;Malmö;x5\n"))
        #expect(error.file == "customers.csv")
        #expect(error.line == 4)
        #expect(error.column == 3)
        #expect(error.columnName == "Poäng")
        #expect(error.value == "x5")
    }

    @Test func mobilesUseTheRowsCountryThenTheShops() throws {
        let customers = try Self.customers("Kundnr;Mobil;Land\n1;0612345678;NL\n2;0701234567;\n3;+4520123456;DK\n")
        #expect(customers.map(\.mobile) == ["+31612345678", "+46701234567", "+4520123456"])
        let noCountry = try #require(Self.error("Kundnr;Mobil\n1;0701234567\n", country: nil))
        #expect(noCountry.description == "customers.csv:2: column \"Mobil\": \"0701234567\" has no country code (+46…) and no country is set to read it in")
        let unknownPlan = try #require(Self.error("Kundnr;Mobil;Land\n1;0701234567;JP\n"))
        #expect(unknownPlan.reason.hasSuffix("Kassa does not know the numbering of JP"))
    }

    @Test func emptyFileAndHeaderOnly() throws {
        #expect(throws: CSVError.self) { try Self.customers("") }
        #expect(try Self.customers("Kundnr;Namn\n").isEmpty)
    }

    @Test func encodingErrorsNameTheColumn() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("Kundnr;Ort\n1;G".utf8) + [0xF6] + Array("teborg\n".utf8))
        do {
            _ = try CustomerCSVReader(data: data, fileName: "kunder.csv", defaultCountry: "SE").readAll()
            Issue.record("no error")
        } catch let error as CSVError {
            #expect(error.code == .invalidEncoding)
            #expect(error.description.hasPrefix("kunder.csv:2: column \"Ort\": character 2 is not valid UTF-8"))
        }
    }

    /// Cells are cleaned alike whether the decoder reads from the reader or from a record.
    @Test func readerAndRecordPathsCleanAlike() throws {
        let header = ["number", "first_name", "company", "street", "last_name", "city", "family", "type"]
        let cells = ["1", "\r\n Åsa \u{A0}", "'=1+1", " '@x ", "\u{A0}Berg", "\t", "'plain", "' =2"]
        let writer = CSVWriter(options: CSVWriter.Options(neutralizesFormulas: false))
        try writer.write(header)
        try writer.write(cells)
        try writer.finish()
        let viaReader = try CustomerCSVReader(data: writer.data, defaultCountry: "SE").readAll()
        let decoder = CustomerRowDecoder(layout: try CustomerCSVLayout(header: header), defaultCountry: "SE")
        let viaRecord = try decoder.decode(CSVRecord(line: 2, fields: cells))
        #expect(viaReader == [try #require(viaRecord)])
        #expect(viaRecord?.firstName == "Åsa")
        #expect(viaRecord?.company == "=1+1")
        #expect(viaRecord?.street == "@x")
        #expect(viaRecord?.lastName == "Berg")
        #expect(viaRecord?.city == nil)
        #expect(viaRecord?.family == "'plain")
        #expect(viaRecord?.type == "=2")
    }

    @Test func rowDecoderWorksOnRecordsToo() throws {
        let layout = try CustomerCSVLayout(header: ["Kundnr", "Poäng"])
        let decoder = CustomerRowDecoder(layout: layout, defaultCountry: "SE", fileName: "x.csv")
        #expect(try decoder.decode(CSVRecord(line: 2, fields: [" 7 ", "1 000"])) == Customer(number: "7", points: 1000))
        #expect(try decoder.decode(CSVRecord(line: 3, fields: ["", " "])) == nil)
        #expect(throws: CSVError.self) { try decoder.decode(CSVRecord(line: 4, fields: ["8", "many"])) }
    }
}
