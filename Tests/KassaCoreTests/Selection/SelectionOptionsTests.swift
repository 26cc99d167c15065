import Testing
@testable import KassaCore

@Suite("SELECTION options from the command line")
struct SelectionOptionsTests {
    @Test("every option is read into the selection")
    func everyOption() throws {
        let selection = try CustomerSelection.parse(arguments: [
            "--family", "RETAIL", "--family=VIP", "--type", "REGULAR", "--category", "A",
            "--turnover-group", "GOLD", "--vehicle-type", "car", "--vehicle-brand", "volvo", "--ignore-case",
            "--visited-since", "2026-01-01", "--not-visited-since", "2026-06-01", "--has", "email",
            "--has", "Mobile", "--postal-code", "123*", "--postal-code", "1000-1999", "--postal-code", "SW1A 1AA",
            "--city", "Malmö", "--country", "se,nl", "--not-country", "DE", "--points", "500-",
            "--consent", "--marked", "--filter", "volvo_owners", "--param", "brand=Volvo",
            "--param", "note=a=b", "--exclude", "1", "2,3", "--purpose", "marketing",
        ])
        var expected = CustomerSelection()
        expected.families = ["RETAIL", "VIP"]
        expected.types = ["REGULAR"]
        expected.categories = ["A"]
        expected.turnoverGroups = ["GOLD"]
        expected.vehicleTypes = ["car"]
        expected.vehicleBrands = ["volvo"]
        expected.vehicleBrandIgnoresCase = true
        expected.visitedSince = CalendarDate(year: 2026, month: 1, day: 1)
        expected.notVisitedSince = CalendarDate(year: 2026, month: 6, day: 1)
        expected.requirements = [.email, .mobile]
        expected.postalCodes = [.prefix("123"), .range(from: "1000", to: "1999"), .exact("SW1A 1AA")]
        expected.cities = ["Malmö"]
        expected.countries = ["SE", "NL"]
        expected.excludedCountries = ["DE"]
        expected.points = PointsRange(minimum: 500)
        expected.requiresConsent = true
        expected.markedOnly = true
        expected.customFilter = CustomFilterReference(
            name: "volvo_owners", parameters: ["brand": "Volvo", "note": "a=b"])
        expected.excludedNumbers = ["1", "2", "3"]
        expected.purpose = .marketing
        #expect(selection == expected)
        #expect(selection.effectiveRequiresConsent)
    }

    @Test("no options select everyone")
    func empty() throws {
        #expect(try CustomerSelection.parse(arguments: []) == CustomerSelection())
    }

    @Test("bad values are errors naming the option and quoting the value", arguments: [
        (["--points", "10-x"], "Points range \"10-x\" is not MIN-MAX.", "--points"),
        (["--points", "-"], "Points range \"-\" is not MIN-MAX.", "--points"),
        (["--points", "900-100"], "Points range \"900-100\" has its minimum above its maximum.", "--points"),
        (["--visited-since", "2026-13-01"], "--visited-since \"2026-13-01\" is not a day written YYYY-MM-DD.",
         "--visited-since"),
        (["--not-visited-since", "yesterday"], "--not-visited-since \"yesterday\" is not a day written YYYY-MM-DD.",
         "--not-visited-since"),
        (["--visited-since", "2026-06-01", "--not-visited-since", "2026-01-01"],
         "--visited-since 2026-06-01 is not before --not-visited-since 2026-01-01, so no customer could match.",
         "--visited-since"),
        (["--has", "fax"], "--has \"fax\" is not one of email, mobile, address.", "--has"),
        (["--country", "SE,Sweden"], "--country \"Sweden\" is not a two-letter ISO country code such as SE.",
         "--country"),
        (["--not-country", "S1"], "--not-country \"S1\" is not a two-letter ISO country code such as SE.",
         "--not-country"),
        (["--postal-code", "1000-200"],
         "Postal code \"1000-200\" is a range whose ends differ in length (write both with the same number of characters).",
         "--postal-code"),
        (["--postal-code", "2000-1000"], "Postal code \"2000-1000\" is a range whose start is above its end.",
         "--postal-code"),
        (["--postal-code", "1*2*"], "Postal code \"1*2*\" may only have a * at its end.", "--postal-code"),
        (["--postal-code", "*"], "Postal code \"*\" has nothing before the *.", "--postal-code"),
        (["--param", "brand=Volvo"], "--param \"brand=Volvo\" needs --filter NAME to say which filter it is for.",
         "--param"),
        (["--filter", "f", "--param", "brand"], "--param \"brand\" is not KEY=VALUE.", "--param"),
        (["--filter", "f", "--param", "a=1", "--param", "a=2"], "--param \"a\" is given twice.", "--param"),
        (["--purpose", "spam"], "--purpose \"spam\" is not marketing or transactional.", "--purpose"),
        (["--family", ""], "--family needs a value, not \"\".", "--family"),
        (["--city"], "--city needs a value.", "--city"),
        (["--exclude", "--marked"], "--exclude needs at least one value.", "--exclude"),
        (["--consent=yes"], "--consent takes no value, not \"yes\".", "--consent"),
        (["--colour", "red"], "\"--colour\" is not a selection option.", "--colour"),
        (["Malmö"], "\"Malmö\" is not a selection option (options start with --).", "Malmö"),
    ] as [([String], String, String)])
    func badValues(arguments: [String], message: String, option: String) throws {
        let error = try #require(throws: SelectionError.self) { try CustomerSelection.parse(arguments: arguments) }
        #expect(error.message == message)
        #expect(error.option == option)
    }

    @Test("points ranges", arguments: [
        ("500-1000", PointsRange(minimum: 500, maximum: 1000)), ("500-", PointsRange(minimum: 500)),
        ("-1000", PointsRange(maximum: 1000)), ("750", PointsRange(minimum: 750, maximum: 750)),
        (" 10 - 20 ", PointsRange(minimum: 10, maximum: 20)),
    ])
    func pointsRanges(text: String, range: PointsRange) throws {
        #expect(try PointsRange.parse(text) == range)
        #expect(try PointsRange.parse(range.description) == range)
    }

    @Test("postal code criteria match by key, as documented")
    func postalCodes() throws {
        let exact = try PostalCodeCriterion.parse("1234ab")
        #expect(exact.matches("1234 AB"))
        #expect(!exact.matches("1234 AC"))
        let prefix = try PostalCodeCriterion.parse("12*")
        #expect(prefix.matches("123 45"))
        #expect(!prefix.matches("13345"))
        #expect(!prefix.matches(nil))
        let range = try PostalCodeCriterion.parse("1000-1999")
        #expect(range.matches("1000 AA"))
        #expect(range.matches("1999 ZZ"))
        #expect(!range.matches("2000 AA"))
        #expect(!range.matches("999"))
        let british = try PostalCodeCriterion.parse("sw1a-sw9z")
        #expect(british.matches("SW1A 1AA"))
        #expect(!british.matches("W1A 0AX"))
    }

    @Test("the Options struct is what an argument parser fills")
    func optionsStruct() throws {
        var options = CustomerSelection.Options()
        options.has = ["address"]
        options.points = "-1000"
        options.exclude = ["7, 8"]
        let selection = try CustomerSelection(options: options)
        #expect(selection.requirements == [.address])
        #expect(selection.points == PointsRange(maximum: 1000))
        #expect(selection.excludedNumbers == ["7", "8"])
        #expect(CustomerSelection.Options.optionNames.count == 21)
        for name in CustomerSelection.Options.optionNames {
            // Every listed name is understood (a flag alone, or an option with a value).
            let arguments = ["--ignore-case", "--consent", "--marked"].contains(name) ? [name] : [name, "x"]
            do {
                _ = try CustomerSelection.Options(arguments: arguments)
            } catch let error as SelectionError {
                Issue.record("\(name) is not understood: \(error.message)")
            }
        }
    }
}
