/// Building a selection from the command line's SELECTION options (SPEC §11).
extension CustomerSelection {
    /// The SELECTION options as text, exactly as the command line received them.
    ///
    /// The CLI declares these options with its argument parser, fills this struct and calls
    /// `CustomerSelection(options:)`, which checks every value and names the option at
    /// fault. Repeatable options are arrays; `country` and `notCountry` entries may hold
    /// comma-separated lists (`SE,NL`), and so may `exclude`.
    public struct Options: Sendable, Hashable, Codable {
        /// `--family` (repeatable).
        public var family: [String] = []
        /// `--type` (repeatable).
        public var type: [String] = []
        /// `--category` (repeatable).
        public var category: [String] = []
        /// `--turnover-group` (repeatable).
        public var turnoverGroup: [String] = []
        /// `--vehicle-type` (repeatable).
        public var vehicleType: [String] = []
        /// `--vehicle-brand` (repeatable).
        public var vehicleBrand: [String] = []
        /// `--ignore-case`: the vehicle brand ignores case.
        public var ignoreCase = false
        /// `--visited-since YYYY-MM-DD`.
        public var visitedSince: String?
        /// `--not-visited-since YYYY-MM-DD`.
        public var notVisitedSince: String?
        /// `--has email|mobile|address` (repeatable).
        public var has: [String] = []
        /// `--postal-code CODE|PREFIX*|FROM-TO` (repeatable: any of them).
        public var postalCode: [String] = []
        /// `--city` (repeatable).
        public var city: [String] = []
        /// `--country CC[,CC]` (repeatable).
        public var country: [String] = []
        /// `--not-country CC[,CC]` (repeatable).
        public var notCountry: [String] = []
        /// `--points MIN-MAX`.
        public var points: String?
        /// `--consent`.
        public var consent = false
        /// `--marked`.
        public var marked = false
        /// `--filter NAME`.
        public var filter: String?
        /// `--param KEY=VALUE` (repeatable).
        public var param: [String] = []
        /// `--exclude NUMBER...` (repeatable, comma lists allowed).
        public var exclude: [String] = []
        /// `--purpose marketing|transactional`.
        public var purpose: String?

        public init() {}
    }

    /// The selection the options describe.
    ///
    /// Throws a `SelectionError` naming the option and quoting the value for anything it
    /// cannot read: `Points range "10-x" is not MIN-MAX.`
    public init(options: Options) throws {
        self.init()
        families = try Self.texts(options.family, option: "--family")
        types = try Self.texts(options.type, option: "--type")
        categories = try Self.texts(options.category, option: "--category")
        turnoverGroups = try Self.texts(options.turnoverGroup, option: "--turnover-group")
        vehicleTypes = try Self.texts(options.vehicleType, option: "--vehicle-type")
        vehicleBrands = try Self.texts(options.vehicleBrand, option: "--vehicle-brand")
        vehicleBrandIgnoresCase = options.ignoreCase
        visitedSince = try options.visitedSince.map { try Self.date($0, option: "--visited-since") }
        notVisitedSince = try options.notVisitedSince.map { try Self.date($0, option: "--not-visited-since") }
        if let since = visitedSince, let notSince = notVisitedSince, since >= notSince {
            throw SelectionError(
                .conflictingOptions,
                "--visited-since \(since) is not before --not-visited-since \(notSince), so no customer could match.",
                option: "--visited-since")
        }
        for word in options.has {
            let normalized = word.trimmingCharacters(in: .whitespaces).lowercased()
            guard let requirement = Requirement(rawValue: normalized) else {
                throw SelectionError(
                    .invalidValue, "--has \"\(word)\" is not one of email, mobile, address.", option: "--has")
            }
            requirements.insert(requirement)
        }
        postalCodes = try options.postalCode.map { try PostalCodeCriterion.parse($0) }
        cities = try Self.texts(options.city, option: "--city")
        countries = try Self.countries(options.country, option: "--country")
        excludedCountries = try Self.countries(options.notCountry, option: "--not-country")
        points = try options.points.map { try PointsRange.parse($0) }
        requiresConsent = options.consent
        markedOnly = options.marked
        if let name = options.filter {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw SelectionError(.missingValue, "--filter needs the name of a filter.", option: "--filter")
            }
            var parameters: [String: String] = [:]
            for pair in options.param {
                guard let equals = pair.firstIndex(of: "="),
                      case let key = pair[..<equals].trimmingCharacters(in: .whitespaces), !key.isEmpty else {
                    throw SelectionError(.invalidValue, "--param \"\(pair)\" is not KEY=VALUE.", option: "--param")
                }
                guard parameters[key] == nil else {
                    throw SelectionError(.conflictingOptions, "--param \"\(key)\" is given twice.", option: "--param")
                }
                parameters[key] = String(pair[pair.index(after: equals)...])
            }
            customFilter = CustomFilterReference(name: name, parameters: parameters)
        } else if let first = options.param.first {
            throw SelectionError(
                .conflictingOptions, "--param \"\(first)\" needs --filter NAME to say which filter it is for.",
                option: "--param")
        }
        excludedNumbers = options.exclude
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if let word = options.purpose {
            guard let purpose = Purpose(rawValue: word.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw SelectionError(
                    .invalidValue, "--purpose \"\(word)\" is not marketing or transactional.", option: "--purpose")
            }
            self.purpose = purpose
        }
    }

    /// Reads SELECTION options from command-line words, such as a saved mailing's
    /// selection or a script's arguments: `["--country", "SE,NL", "--has", "mobile"]`.
    ///
    /// Accepts `--option value` and `--option=value`; `--exclude` takes every following
    /// word up to the next option. Throws for a word that is not a selection option.
    public static func parse(arguments: [String]) throws -> CustomerSelection {
        try CustomerSelection(options: Options(arguments: arguments))
    }

    private static func texts(_ values: [String], option: String) throws -> [String] {
        try values.map { value in
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw SelectionError(.missingValue, "\(option) needs a value, not \"\(value)\".", option: option)
            }
            return value
        }
    }

    private static func date(_ text: String, option: String) throws -> CalendarDate {
        guard let date = CalendarDate(text.trimmingCharacters(in: .whitespaces)) else {
            throw SelectionError(.invalidValue, "\(option) \"\(text)\" is not a day written YYYY-MM-DD.", option: option)
        }
        return date
    }

    private static func countries(_ values: [String], option: String) throws -> [String] {
        try values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { part in
            let code = part.trimmingCharacters(in: .whitespaces).uppercased()
            guard code.utf8.count == 2, code.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
                throw SelectionError(
                    .invalidValue, "\(option) \"\(part)\" is not a two-letter ISO country code such as SE.",
                    option: option)
            }
            return code
        }
    }
}

extension CustomerSelection.Options {
    private enum Kind {
        case list(WritableKeyPath<CustomerSelection.Options, [String]>)
        case single(WritableKeyPath<CustomerSelection.Options, String?>)
        case flag(WritableKeyPath<CustomerSelection.Options, Bool>)
        case variadic(WritableKeyPath<CustomerSelection.Options, [String]>)
    }

    private static func kind(of name: String) -> Kind? {
        switch name {
        case "--family": return .list(\.family)
        case "--type": return .list(\.type)
        case "--category": return .list(\.category)
        case "--turnover-group": return .list(\.turnoverGroup)
        case "--vehicle-type": return .list(\.vehicleType)
        case "--vehicle-brand": return .list(\.vehicleBrand)
        case "--ignore-case": return .flag(\.ignoreCase)
        case "--visited-since": return .single(\.visitedSince)
        case "--not-visited-since": return .single(\.notVisitedSince)
        case "--has": return .list(\.has)
        case "--postal-code": return .list(\.postalCode)
        case "--city": return .list(\.city)
        case "--country": return .list(\.country)
        case "--not-country": return .list(\.notCountry)
        case "--points": return .single(\.points)
        case "--consent": return .flag(\.consent)
        case "--marked": return .flag(\.marked)
        case "--filter": return .single(\.filter)
        case "--param": return .list(\.param)
        case "--exclude": return .variadic(\.exclude)
        case "--purpose": return .single(\.purpose)
        default: return nil
        }
    }

    /// The names of every SELECTION option, for help texts and argument parsers.
    public static let optionNames: [String] = [
        "--category", "--city", "--consent", "--country", "--exclude", "--family", "--filter",
        "--has", "--ignore-case", "--marked", "--not-country", "--not-visited-since", "--param",
        "--points", "--postal-code", "--purpose", "--turnover-group", "--type", "--vehicle-brand",
        "--vehicle-type", "--visited-since",
    ]

    /// Reads the options from command-line words (see `CustomerSelection.parse(arguments:)`).
    public init(arguments: [String]) throws {
        self.init()
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            var name = word
            var inlineValue: String?
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                inlineValue = String(word[word.index(after: equals)...])
            }
            guard let kind = Self.kind(of: name) else {
                throw SelectionError(
                    .unknownOption,
                    word.hasPrefix("-") ? "\"\(word)\" is not a selection option."
                        : "\"\(word)\" is not a selection option (options start with --).",
                    option: name)
            }
            func value() throws -> String {
                if let inlineValue { return inlineValue }
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw SelectionError(.missingValue, "\(name) needs a value.", option: name)
                }
                index += 1
                return arguments[index - 1]
            }
            switch kind {
            case .list(let path):
                self[keyPath: path].append(try value())
            case .single(let path):
                self[keyPath: path] = try value()
            case .flag(let path):
                guard inlineValue == nil else {
                    throw SelectionError(.invalidValue, "\(name) takes no value, not \"\(inlineValue!)\".", option: name)
                }
                self[keyPath: path] = true
            case .variadic(let path):
                var values = inlineValue.map { [$0] } ?? []
                while index < arguments.count, !arguments[index].hasPrefix("--") {
                    values.append(arguments[index])
                    index += 1
                }
                guard !values.isEmpty else {
                    throw SelectionError(.missingValue, "\(name) needs at least one value.", option: name)
                }
                self[keyPath: path].append(contentsOf: values)
            }
        }
    }
}
