import Testing
@testable import KassaCore

@Suite("Selections from criteria given as text (SelectionInput)")
struct SelectionInputTests {
    /// The selection of criteria given one text at a time, as a repeated option gives them.
    static func selection(_ pairs: [(SelectionCriterion.ID, String)], filterParameters: [String] = []) throws -> CustomerSelection {
        var input = SelectionInput()
        for (id, text) in pairs {
            if SelectionCriterion[id].valueType == .flag { input.set(id, flag: true) } else { input.add(id, text) }
        }
        filterParameters.forEach { input.addFilterParameter($0) }
        return try CustomerSelection(input: input)
    }

    @Test("every criterion is read into the selection")
    func everyCriterion() throws {
        let selection = try Self.selection([
            (.family, "RETAIL"), (.family, "VIP"), (.type, "REGULAR"), (.category, "A"),
            (.turnoverGroup, "GOLD"), (.vehicleType, "car"), (.vehicleBrand, "volvo"), (.ignoreCase, ""),
            (.visitedSince, "2026-01-01"), (.notVisitedSince, "2026-06-01"), (.has, "email"),
            (.has, "Mobile"), (.postalCode, "123*"), (.postalCode, "1000-1999"), (.postalCode, "SW1A 1AA"),
            (.city, "Malmö"), (.country, "se,nl"), (.notCountry, "DE"), (.points, "500-"),
            (.consent, ""), (.marked, ""), (.filter, "volvo_owners"), (.exclude, "1"), (.exclude, "2,3"),
            (.purpose, "marketing"),
        ], filterParameters: ["brand=Volvo", "note=a=b"])
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

    @Test("no criteria select everyone")
    func empty() throws {
        #expect(try CustomerSelection(input: SelectionInput()) == CustomerSelection())
    }

    @Test("every list criterion reads a comma list as the repeated criterion", arguments:
        SelectionCriterion.all.filter(\.valueType.isList))
    func commaListsAreRepeatedCriteria(criterion: SelectionCriterion) throws {
        let (first, second) = switch criterion.valueType {
        case .words(let words): (words[0], words[1])
        case .countryCodes: ("SE", "NL")
        case .postalCodes: ("12*", "2000-2999")
        default: ("RETAIL", "Trade Partners")
        }
        let comma = try Self.selection([(criterion.id, "\(first), \(second)")])
        let repeated = try Self.selection([(criterion.id, first), (criterion.id, second)])
        #expect(comma == repeated, "\(criterion.name)")
        #expect(comma != CustomerSelection(), "\(criterion.name) is read")
    }

    @Test("the table has one name per criterion, spelt per front end by rule")
    func tableSpellings() throws {
        #expect(SelectionCriterion.all.map(\.id) == SelectionCriterion.ID.allCases)
        for criterion in SelectionCriterion.all {
            #expect(criterion.name.allSatisfy { $0.isLowercase || $0 == "_" })
            #expect(criterion.flag == "--" + criterion.name.replacingOccurrences(of: "_", with: "-"))
            #expect(criterion.kebabName == criterion.name.replacingOccurrences(of: "_", with: "-"))
            #expect(!criterion.help.isEmpty)
            #expect(!criterion.fullHelp().contains("{"), "\(criterion.name) refers only to known criteria")
        }
        #expect(SelectionCriterion[.turnoverGroup].flag == "--turnover-group")
        #expect(SelectionCriterion[.city].fullHelp().contains("compared ignoring case but not accents"))
        #expect(SelectionCriterion[.family].fullHelp().contains("compared exactly"))
        #expect(SelectionCriterion[.vehicleBrand].fullHelp(spelling: \.flag).contains("with --ignore-case"))
    }

    @Test("bad values are errors naming the criterion, never a flag, and quoting the value", arguments: [
        ([(.points, "10-x")], [], "Points range \"10-x\" is not MIN-MAX.", .points),
        ([(.points, "-")], [], "Points range \"-\" is not MIN-MAX.", .points),
        ([(.points, "900-100")], [], "Points range \"900-100\" has its minimum above its maximum.", .points),
        ([(.visitedSince, "2026-13-01")], [], "visited_since \"2026-13-01\" is not a day written YYYY-MM-DD.", .visitedSince),
        ([(.notVisitedSince, "yesterday")], [], "not_visited_since \"yesterday\" is not a day written YYYY-MM-DD.",
         .notVisitedSince),
        ([(.visitedSince, "2026-06-01"), (.notVisitedSince, "2026-01-01")], [],
         "visited_since 2026-06-01 is not before not_visited_since 2026-01-01, so no customer could match.", .visitedSince),
        ([(.has, "fax")], [], "has \"fax\" is not email|mobile|address.", .has),
        ([(.country, "SE,Sweden")], [], "country \"Sweden\" is not a two-letter ISO country code such as SE.", .country),
        ([(.notCountry, "S1")], [], "not_country \"S1\" is not a two-letter ISO country code such as SE.", .notCountry),
        ([(.postalCode, "1000-200")], [],
         "Postal code \"1000-200\" is a range whose ends differ in length (write both with the same number of characters).",
         .postalCode),
        ([(.postalCode, "2000-1000")], [], "Postal code \"2000-1000\" is a range whose start is above its end.", .postalCode),
        ([(.postalCode, "1*2*")], [], "Postal code \"1*2*\" may only have a * at its end.", .postalCode),
        ([(.postalCode, "*")], [], "Postal code \"*\" has nothing before the *.", .postalCode),
        ([], ["brand=Volvo"], "The filter parameter \"brand=Volvo\" needs a filter to say which filter it is for.", .filter),
        ([(.filter, "f")], ["brand"], "The filter parameter \"brand\" is not KEY=VALUE.", .filter),
        ([(.filter, "f")], ["a=1", "a=2"], "The filter parameter \"a\" is given twice.", .filter),
        ([(.filter, " ")], [], "filter needs a value.", .filter),
        ([(.purpose, "spam")], [], "purpose \"spam\" is not marketing|transactional.", .purpose),
        ([(.family, "")], [], "family needs a value, not \"\".", .family),
        ([(.turnoverGroup, " , ")], [], "turnover_group needs a value, not \" , \".", .turnoverGroup),
    ] as [([(SelectionCriterion.ID, String)], [String], String, SelectionCriterion.ID)])
    func badValues(pairs: [(SelectionCriterion.ID, String)], parameters: [String], message: String, criterion: SelectionCriterion.ID) throws {
        let error = try #require(throws: SelectionError.self) { try Self.selection(pairs, filterParameters: parameters) }
        #expect(error.message == message)
        #expect(error.criterion == criterion)
        #expect(!error.message.contains("--"))
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
}
