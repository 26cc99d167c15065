/// One built-in selection criterion: the single table every front end reads its selection
/// vocabulary from (issue 14).
///
/// The command line, `kassa.customers.select{}`, the mass-mailing menu's parameters and the
/// generated documentation take their names, value types and help texts from `all`; the
/// store's SQL and the in-memory matcher switch over `ID`. Each front end spells `name`
/// by one rule: the command line in kebab case after two dashes (`--turnover-group`),
/// Lua and errors as it is (`turnover_group`), menu parameters in kebab case
/// (`turnover-group=GOLD`).
///
/// To add a criterion: a case in `ID`, its entry in `all`, a property in
/// `CustomerSelection` read in `CustomerSelection(input:)`, its SQL in the store's
/// selection query and its rule in `matchesCriteria`; the compiler points at each switch.
public struct SelectionCriterion: Sendable, Hashable, Identifiable {
    /// Every criterion, by its one name.
    public enum ID: String, Sendable, Hashable, CaseIterable, Codable {
        case family, type, category
        case turnoverGroup = "turnover_group"
        case vehicleType = "vehicle_type"
        case vehicleBrand = "vehicle_brand"
        case ignoreCase = "ignore_case"
        case visitedSince = "visited_since"
        case notVisitedSince = "not_visited_since"
        case has
        case postalCode = "postal_code"
        case city, country
        case notCountry = "not_country"
        case points, consent, marked, filter, exclude, purpose
    }

    /// How a text criterion compares with the customer's value.
    public enum Comparison: String, Sendable, Hashable {
        /// Byte for byte after trimming the value given: `RETAIL` is not `Retail`.
        case exact
        /// Ignoring case by the Unicode rules (`MALMÖ` finds `Malmö`, `ŠKODA` finds
        /// `Škoda`) but not accents (`Malmo` does not find `Malmö`), as `c:owns` does.
        case ignoringCase

        /// A phrase for help texts.
        public var phrase: String {
            switch self {
            case .exact: "compared exactly (case and accents count)"
            case .ignoringCase: "compared ignoring case but not accents"
            }
        }
    }

    /// What a criterion's value is.
    public enum ValueType: Sendable, Hashable {
        /// Texts, any of which may match.
        case texts(Comparison)
        /// Words from a fixed set (`has`), each of which must hold.
        case words([String])
        /// One word from a fixed set (`purpose`).
        case word([String])
        /// Two-letter ISO country codes, any case.
        case countryCodes
        /// Postal codes: `CODE`, `PREFIX*` or `FROM-TO`.
        case postalCodes
        /// Customer numbers.
        case customerNumbers
        /// A day written `YYYY-MM-DD`.
        case date
        /// A range `MIN-MAX`, either side optional.
        case range
        /// On or off.
        case flag
        /// The name of a custom filter, with its parameters.
        case customFilter

        /// Whether the criterion takes a list: comma-separated values, a repeated option,
        /// or a Lua table of strings, all alike.
        public var isList: Bool {
            switch self {
            case .texts, .words, .countryCodes, .postalCodes, .customerNumbers: true
            case .word, .date, .range, .flag, .customFilter: false
            }
        }

        /// The value as the documentation writes it.
        public var placeholder: String {
            switch self {
            case .texts: "TEXT[,TEXT]"
            case .words(let words): words.joined(separator: "|") + "[,...]"
            case .word(let words): words.joined(separator: "|")
            case .countryCodes: "CC[,CC]"
            case .postalCodes: "CODE|PREFIX*|FROM-TO[,...]"
            case .customerNumbers: "NUMBER[,NUMBER]"
            case .date: "YYYY-MM-DD"
            case .range: "MIN-MAX"
            case .flag: ""
            case .customFilter: "NAME"
            }
        }
    }

    public let id: ID
    /// What the value is; lists read alike in every front end.
    public let valueType: ValueType
    /// A sentence for help texts and the documentation.
    public let help: String

    /// The one name: `turnover_group`. Lua keys and the core's errors use it as it is.
    public var name: String { id.rawValue }
    /// The name in kebab case (`turnover-group`): menu parameters, and after `--` the
    /// command line.
    public var kebabName: String { name.replacingOccurrences(of: "_", with: "-") }
    /// The command-line option: `--turnover-group`.
    public var flag: String { "--" + kebabName }
    /// The help text with the comparison and list rules appended, for every front end.
    /// A criterion the help refers to, written `{vehicle_brand}` in `help`, is spelt by
    /// `spelling` (the command line passes its flags); by default by its name.
    public func fullHelp(spelling: (SelectionCriterion) -> String = \.name) -> String {
        var text = help
        for other in Self.all where text.contains("{\(other.name)}") {
            text = text.replacingOccurrences(of: "{\(other.name)}", with: spelling(other))
        }
        if case .texts(let comparison) = valueType { text += " Texts are \(comparison.phrase)." }
        if valueType.isList { text += " Several values: comma-separated, or given one by one." }
        return text
    }

    /// The criterion with this id.
    public static subscript(id: ID) -> SelectionCriterion {
        all.first { $0.id == id }!
    }

    /// The parameters of a custom filter, as the command line spells them (`--param KEY=VALUE`),
    /// Lua (`params = { KEY = VALUE }`) and the menu (`filter.KEY=VALUE`).
    public static let filterParametersHelp = "A parameter of the custom filter, KEY=VALUE."

    /// The table: one entry per criterion, in the order help texts list them.
    public static let all: [SelectionCriterion] = [
        .init(id: .family, valueType: .texts(.exact), help: "Customer families to take (any of them)."),
        .init(id: .type, valueType: .texts(.exact), help: "Customer types to take (any of them)."),
        .init(id: .category, valueType: .texts(.exact), help: "Categories to take (any of them)."),
        .init(id: .turnoverGroup, valueType: .texts(.exact), help: "Turnover groups to take (any of them)."),
        .init(id: .vehicleType, valueType: .texts(.exact),
              help: "Customers owning a vehicle of one of these types (with {vehicle_brand}: one vehicle of both)."),
        .init(id: .vehicleBrand, valueType: .texts(.exact),
              help: "Customers owning a vehicle of one of these brands; with {ignore_case} compared as c:owns does."),
        .init(id: .ignoreCase, valueType: .flag, help: "Compare vehicle brands ignoring case but not accents."),
        .init(id: .visitedSince, valueType: .date, help: "Customers whose last visit is on or after the day."),
        .init(id: .notVisitedSince, valueType: .date, help: "Customers whose last visit is before the day, or who never visited."),
        .init(id: .has, valueType: .words(CustomerSelection.Requirement.allCases.map(\.rawValue)),
              help: "Contact data every chosen customer must have (all of them): an e-mail address, a mobile number, an address."),
        .init(id: .postalCode, valueType: .postalCodes,
              help: "Postal codes (any of them): a code, a prefix with *, or a range FROM-TO; ignoring case and spaces."),
        .init(id: .city, valueType: .texts(.ignoringCase), help: "Localities to take (any of them)."),
        .init(id: .country, valueType: .countryCodes, help: "Countries to take (any of them), as ISO codes in any case."),
        .init(id: .notCountry, valueType: .countryCodes, help: "Countries to leave out; customers without a country stay in."),
        .init(id: .points, valueType: .range, help: "Loyalty points; either side of the range may be left out."),
        .init(id: .consent, valueType: .flag, help: "Only customers with newsletter consent."),
        .init(id: .marked, valueType: .flag, help: "Only the marked customers (kassa mark)."),
        .init(id: .filter, valueType: .customFilter, help: "A custom filter by name (kassa plugins lists them), with its parameters."),
        .init(id: .exclude, valueType: .customerNumbers, help: "Customer numbers to leave out."),
        .init(id: .purpose, valueType: .word(CustomerSelection.Purpose.allCases.map(\.rawValue)),
              help: "What the selection is for: marketing (requires newsletter consent) or transactional."),
    ]
}
