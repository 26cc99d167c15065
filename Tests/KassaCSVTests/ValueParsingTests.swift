import Foundation
import KassaCore
import Testing
@testable import KassaCSV

@Suite struct ValueParsingTests {
    @Test func listsOfAddressesSplitOnCommasSemicolonsAndSpaces() {
        #expect(CustomerRowDecoder.addresses(in: "a@x.se, b@y.se;c@z.se\td@w.se") == ["a@x.se", "b@y.se", "c@z.se", "d@w.se"])
        #expect(CustomerRowDecoder.addresses(in: " ;, ") == [])
        // Not ASCII: split by characters, so a no-break space separates and ö stays whole.
        #expect(CustomerRowDecoder.addresses(in: "åsa@öberg.se\u{A0}b@y.se,\u{2003}c@z.se") == ["åsa@öberg.se", "b@y.se", "c@z.se"])
    }

    @Test func wholeNumbers() {
        let valid: [(String, Int)] = [
            ("0", 0), ("12", 12), ("-12", -12), ("+7", 7), ("1 234", 1234), ("1\u{A0}234", 1234), ("1\u{202F}234 567", 1_234_567),
            ("1.234", 1234), ("1,234", 1234), ("1'234", 1234), ("1.234.567", 1_234_567), ("12,00", 12), ("12.0", 12),
            ("1.234,00", 1234), ("\u{2212}5", -5),
        ]
        for (text, value) in valid { #expect(WholeNumber.parse(text) == value, "\(text)") }
        for text in ["", "12a", "1,5", "2.50", "1.23", "1 23", "1.234,5", "1,234.567", "--1", "1e3", "١٢", "99999999999999999999", ",5", "5,"] {
            #expect(WholeNumber.parse(text) == nil, "\(text)")
        }
    }

    @Test func yesAndNoInFiveLanguages() {
        for text in ["ja", "Ja", "JA", "j", "yes", "Y", "true", "1", "x", "X", "oui", "Oui", "vrai", "waar", "wahr", "sant", "✓"] {
            #expect(YesNo.parse(text) == true, "\(text)")
        }
        for text in ["nej", "Nej", "nee", "non", "nein", "no", "N", "false", "0", "", "faux", "onwaar", "falsch", "-"] {
            #expect(YesNo.parse(text) == false, "\(text)")
        }
        for text in ["maybe", "2", "jaa", "si", "?"] { #expect(YesNo.parse(text) == nil, "\(text)") }
    }

    @Test func datesIsoAndDayFirst() throws {
        let day = CalendarDate(year: 2026, month: 4, day: 3)!
        for text in ["2026-04-03", "2026/04/03", "2026.04.03", "03-04-2026", "3-4-2026", "03.04.2026", "3.4.2026",
                     "03/04/2026", "2026-04-03 14:30", "2026-04-03T14:30:00", "03.04.2026 00:00:00", " 2026-04-03 "] {
            #expect(try DateText.calendarDate(text).get() == day, "\(text)")
        }
        #expect(try DateText.calendarDate("31/12/2025").get() == CalendarDate(year: 2025, month: 12, day: 31))
        #expect(DateText.calendarDate("04/23/2026") == .failure(.monthFirst))
        #expect(DateText.calendarDate("03.04.26") == .failure(.twoDigitYear))
        for text in ["2026-02-30", "2026-13-01", "2026-4-3", "03-04/2026", "yesterday", "", "2026-04-03x", "2026-04-03 25:00"] {
            #expect(DateText.calendarDate(text) == .failure(.notADate), "\(text)")
        }
    }

    @Test func instantsWithAndWithoutOffsets() throws {
        let stockholm = try #require(TimeZone(identifier: "Europe/Stockholm"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        let expected = Date(timeIntervalSince1970: 1_772_357_400) // 2026-03-01T09:30:00Z
        #expect(try DateText.instant("2026-03-01T09:30:00Z", timeZone: stockholm).get() == expected)
        #expect(try DateText.instant("2026-03-01T10:30:00+01:00", timeZone: utc).get() == expected)
        #expect(try DateText.instant("2026-03-01 10:30+0100", timeZone: utc).get() == expected)
        #expect(try DateText.instant("2026-03-01 10:30", timeZone: stockholm).get() == expected)
        #expect(try DateText.instant("01.03.2026 10:30:00", timeZone: stockholm).get() == expected)
        // Summer time: 2026-07-01 12:00 in Stockholm is 10:00 UTC.
        #expect(try DateText.instant("2026-07-01 12:00", timeZone: stockholm).get() == Date(timeIntervalSince1970: 1_782_900_000))
        #expect(try DateText.instant("2026-03-01", timeZone: utc).get() == Date(timeIntervalSince1970: 1_772_323_200))
        #expect(DateText.instant("2026-03-01T10:30:00+25:00", timeZone: utc) == .failure(.notADate))
    }

    @Test func emailAddresses() {
        for text in ["anna@example.se", "a.b+shop@sub.example.co.uk", "o'brien@example.ie", "x@y.nl", "jörg@müller.de",
                     "\"john doe\"@example.com", "user_1-2@xn--mller-kva.de", "ÅSA@EXEMPEL.SE", "a@b-c.fr"] {
            #expect(EmailAddress.isValid(text), "\(text)")
        }
        for text in ["", "anna", "anna@", "@example.se", "anna@example", "anna@@example.se", "an na@example.se",
                     ".anna@example.se", "anna.@example.se", "an..na@example.se", "anna@-example.se", "anna@example-.se",
                     "anna@example..se", "anna@example.se.", "anna@192.168.0.1", "anna@[192.168.0.1]", "Anna <anna@example.se>",
                     "anna@exa_mple.se", "anna@example.s", String(repeating: "a", count: 65) + "@example.se", "\"unclosed@example.se",
                     // A quoted pair may escape a visible character or a space, never a line break:
                     // the address goes into SMTP commands and mail headers.
                     "\"a\\\r\\\nb\"@example.se", "\"a\\\nb\"@example.se", "\"a\\\u{0}b\"@example.se", "\"a\\\u{7F}\"@example.se"] {
            #expect(!EmailAddress.isValid(text), "\(text)")
        }
    }

    @Test func mobilesToE164() {
        let cases: [(String, String, String)] = [
            ("0701234567", "SE", "+46701234567"), ("070-123 45 67", "SE", "+46701234567"), ("+46 70 123 45 67", "NL", "+46701234567"),
            ("0046701234567", "NL", "+46701234567"), ("+46 (0)70-123 45 67", "SE", "+46701234567"), ("+46 070 123 45 67", "FR", "+46701234567"),
            ("701234567", "SE", "+46701234567"), ("46701234567", "SE", "+46701234567"),
            ("06-12345678", "NL", "+31612345678"), ("06 1234 5678", "NL", "+31612345678"),
            ("0470 12 34 56", "BE", "+32470123456"), ("06 12 34 56 78", "FR", "+33612345678"), ("06.12.34.56.78", "FR", "+33612345678"),
            ("0151 23456789", "DE", "+4915123456789"), ("0171/1234567", "DE", "+491711234567"), ("07700 900123", "GB", "+447700900123"),
            ("20 12 34 56", "DK", "+4520123456"), ("412 34 567", "NO", "+4741234567"), ("040 1234567", "FI", "+358401234567"),
            ("+1 212 555 0100", "SE", "+12125550100"), ("070\u{A0}123\u{A0}45\u{A0}67", "SE", "+46701234567"),
            ("070–1234567", "SE", "+46701234567"),
        ]
        for (text, country, expected) in cases {
            #expect(MobileNumber.e164(text, defaultCountry: country) == .success(expected), "\(text) in \(country)")
        }
        #expect(MobileNumber.e164("0701234567", defaultCountry: "se") == .success("+46701234567"))
        #expect(MobileNumber.e164("070-ABC", defaultCountry: "SE") == .failure(.notANumber))
        #expect(MobileNumber.e164("ring mig", defaultCountry: "SE") == .failure(.notANumber))
        #expect(MobileNumber.e164("070 12", defaultCountry: "SE") == .failure(.wrongLength))
        #expect(MobileNumber.e164("06-1234567", defaultCountry: "NL") == .failure(.wrongLength))
        #expect(MobileNumber.e164("+46 70 123 45 67 89 01", defaultCountry: "SE") == .failure(.wrongLength))
        #expect(MobileNumber.e164("0701234567", defaultCountry: nil) == .failure(.noCountry))
        #expect(MobileNumber.e164("0701234567", defaultCountry: "JP") == .failure(.noCountry))
        #expect(MobileNumber.e164("012345678", defaultCountry: "DK") == .failure(.wrongLength))
        #expect(MobileNumber.e164("070+1234567", defaultCountry: "SE") == .failure(.notANumber))
    }

    @Test func countries() {
        for (text, code) in [("SE", "SE"), ("se", "SE"), ("Sverige", "SE"), ("Suède", "SE"), ("Pays-Bas", "NL"), ("Nederland", "NL"),
                             ("België", "BE"), ("Deutschland", "DE"), ("UK", "GB"), ("United Kingdom", "GB"), ("NLD", "NL"),
                             ("jp", "JP"), ("Österreich", "AT")] {
            #expect(CountryCode.parse(text) == code, "\(text)")
        }
        for text in ["XX", "Sweeden", "S", ""] { #expect(CountryCode.parse(text) == nil, "\(text)") }
    }

    @Test func headerKeysFold() {
        #expect(HeaderKey.normalized("N° client") == "nclient")
        #expect(HeaderKey.normalized("Kund-nr") == "kundnr")
        #expect(HeaderKey.normalized("Poäng") == "poang")
        #expect(HeaderKey.normalized("Straße") == "strasse")
        #expect(HeaderKey.normalized("Œuvre Ærø") == "oeuvreaero")
        #expect(HeaderKey.normalized("Телефон") == "")
    }
}
