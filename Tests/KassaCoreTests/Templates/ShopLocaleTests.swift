import Foundation
@testable import KassaCore
import Testing

@Suite("Dates and amounts in the shop's language")
struct ShopLocaleTests {
    private let date = CalendarDate(year: 2026, month: 11, day: 23)!
    private let early = CalendarDate(year: 987, month: 1, day: 2)!

    @Test("Dates", arguments: [
        (ShopLocale.sv, "2026-11-23", "0987-01-02"),
        (.en, "2026-11-23", "0987-01-02"),
        (.nl, "23-11-2026", "02-01-0987"),
        (.fr, "23/11/2026", "02/01/0987"),
        (.de, "23.11.2026", "02.01.0987"),
    ])
    func dates(locale: ShopLocale, expected: String, expectedEarly: String) {
        #expect(locale.format(date) == expected)
        #expect(locale.format(early) == expectedEarly)
        #expect(locale.format(.date(date)) == expected)
    }

    @Test("Amounts: two decimals and the language's separators", arguments: [
        (ShopLocale.sv, ["1 234,50", "0,05", "-1 234 567,89", "0,00", "999,99", "1 000,00", "-0,01"]),
        (.fr, ["1 234,50", "0,05", "-1 234 567,89", "0,00", "999,99", "1 000,00", "-0,01"]),
        (.nl, ["1.234,50", "0,05", "-1.234.567,89", "0,00", "999,99", "1.000,00", "-0,01"]),
        (.de, ["1.234,50", "0,05", "-1.234.567,89", "0,00", "999,99", "1.000,00", "-0,01"]),
        (.en, ["1,234.50", "0.05", "-1,234,567.89", "0.00", "999.99", "1,000.00", "-0.01"]),
    ])
    func amounts(locale: ShopLocale, expected: [String]) {
        let minorUnits = [123_450, 5, -123_456_789, 0, 99_999, 100_000, -1]
        #expect(minorUnits.map(locale.formatAmount(minorUnits:)) == expected)
    }

    @Test("The extremes of Int format without overflow, groups of three all the way")
    func extremeAmounts() {
        #expect(ShopLocale.en.formatAmount(minorUnits: .max) == "92,233,720,368,547,758.07")
        #expect(ShopLocale.de.formatAmount(minorUnits: .min) == "-92.233.720.368.547.758,08")
    }

    @Test("Amounts from Decimal and Double round half away from zero to cents")
    func amountConversions() {
        #expect(TemplateValue.amount(Decimal(string: "1234.5")!) == .amount(minorUnits: 123_450))
        #expect(TemplateValue.amount(Decimal(string: "0.125")!) == .amount(minorUnits: 13))
        #expect(TemplateValue.amount(Decimal(string: "-0.125")!) == .amount(minorUnits: -13))
        let fivePointZero: Double = 5.0, chequeValue: Double = 0.45, refund: Double = -2.5
        #expect(TemplateValue.amount(fivePointZero) == .amount(minorUnits: 500))
        #expect(TemplateValue.amount(chequeValue) == .amount(minorUnits: 45))
        #expect(TemplateValue.amount(refund) == .amount(minorUnits: -250))
        #expect(TemplateValue.amount(Double.nan) == .text("nan"))
        #expect(TemplateValue.amount(Double(1e300)) == .text("1e+300"))
        // Literals are not ambiguous between the two.
        #expect(TemplateValue.amount(5) == .amount(minorUnits: 500))
        #expect(TemplateValue.amount(4.90) == .amount(minorUnits: 490))
    }

    @Test("Typed values format by kind; integers are not grouped")
    func values() {
        #expect(ShopLocale.en.format(.integer(1_234_567)) == "1234567")
        #expect(ShopLocale.en.format(.integer(-3)) == "-3")
        #expect(ShopLocale.fr.format(.text("déjà")) == "déjà")
        #expect(ShopLocale.nl.format(.amount(minorUnits: 250)) == "2,50")
    }

    @Test("The locale of a language tag; Swedish for unknown languages", arguments: [
        ("sv", ShopLocale.sv), ("sv-SE", .sv), ("nl-BE", .nl), ("NL", .nl), ("fr_FR", .fr), ("de-AT", .de), ("en-GB", .en),
        ("fi", .sv), ("", .sv), ("-", .sv),
    ])
    func languageTags(tag: String, expected: ShopLocale) {
        #expect(ShopLocale(languageTag: tag) == expected)
    }

    @Test("A context made from [shop] settings takes the name and the language")
    func contextFromShopSettings() throws {
        let context = RenderContext(shop: ShopSettings(name: "Vélo Lyon", language: "fr-FR"), today: date)
        #expect(context.shopName == "Vélo Lyon")
        #expect(context.locale == .fr)
        #expect(try TemplateFixtures.render("#BUTIK#, le #DATUM#", context: context) == "Vélo Lyon, le 23/11/2026")
    }

    @Test("Dates inside templates follow the context's language", arguments: ShopLocale.allCases)
    func datesInTemplates(locale: ShopLocale) throws {
        var context = TemplateFixtures.context
        context.locale = locale
        #expect(try TemplateFixtures.render("#SENASTEBESOK#|#DATUM#|<DATEFACT>", context: context)
                == "\(locale.format(CalendarDate(year: 2026, month: 3, day: 5)!))|\(locale.format(date))|\(locale.format(CalendarDate(year: 2026, month: 11, day: 20)!))")
    }
}
