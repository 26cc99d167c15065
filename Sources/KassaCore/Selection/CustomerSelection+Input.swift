/// Building a selection from criteria given as text, whichever front end gave them.
extension CustomerSelection {
    /// The selection `input` describes.
    ///
    /// Every list criterion reads its texts alike: each may hold a comma-separated list, and
    /// the entries of all of them count. Throws a `SelectionError` naming the criterion
    /// (`turnover_group`) and quoting the value for anything it cannot read.
    public init(input: SelectionInput) throws {
        self.init()
        for criterion in SelectionCriterion.all {
            guard let texts = input.values[criterion.id] else { continue }
            let values = criterion.valueType.isList ? Self.entries(texts) : texts
            if criterion.valueType.isList, values.isEmpty {
                throw SelectionError(
                    .missingValue, "\(criterion.name) needs a value, not \"\(texts.joined(separator: ","))\".",
                    criterion: criterion.id)
            }
            try read(criterion, values)
        }
        if let since = visitedSince, let notSince = notVisitedSince, since >= notSince {
            throw SelectionError(
                .conflictingOptions,
                "visited_since \(since) is not before not_visited_since \(notSince), so no customer could match.",
                criterion: .visitedSince)
        }
        if let first = input.filterParameters.first, customFilter == nil {
            throw SelectionError(
                .conflictingOptions, "The filter parameter \"\(first)\" needs a filter to say which filter it is for.",
                criterion: .filter)
        }
        if customFilter != nil {
            var parameters: [String: String] = [:]
            for pair in input.filterParameters {
                guard let equals = pair.firstIndex(of: "="),
                      case let key = pair[..<equals].trimmingCharacters(in: .whitespaces), !key.isEmpty else {
                    throw SelectionError(.invalidValue, "The filter parameter \"\(pair)\" is not KEY=VALUE.", criterion: .filter)
                }
                guard parameters[key] == nil else {
                    throw SelectionError(.conflictingOptions, "The filter parameter \"\(key)\" is given twice.", criterion: .filter)
                }
                parameters[key] = String(pair[pair.index(after: equals)...])
            }
            customFilter?.parameters = parameters
        }
    }

    /// Reads one criterion's values into the selection.
    private mutating func read(_ criterion: SelectionCriterion, _ values: [String]) throws {
        let name = criterion.name
        func single() throws -> String {
            guard let value = values.last, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw SelectionError(.missingValue, "\(name) needs a value.", criterion: criterion.id)
            }
            return value
        }
        func word<Word: RawRepresentable<String>>(_ text: String, as type: Word.Type) throws -> Word {
            guard let word = Word(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw SelectionError(
                    .invalidValue, "\(name) \"\(text)\" is not \(criterion.valueType.placeholder.replacingOccurrences(of: "[,...]", with: "")).",
                    criterion: criterion.id)
            }
            return word
        }
        switch criterion.id {
        case .family: families = values
        case .type: types = values
        case .category: categories = values
        case .turnoverGroup: turnoverGroups = values
        case .vehicleType: vehicleTypes = values
        case .vehicleBrand: vehicleBrands = values
        case .ignoreCase: vehicleBrandIgnoresCase = true
        case .visitedSince: visitedSince = try Self.date(try single(), criterion)
        case .notVisitedSince: notVisitedSince = try Self.date(try single(), criterion)
        case .has: requirements = Set(try values.map { try word($0, as: Requirement.self) })
        case .postalCode: postalCodes = try values.map { try PostalCodeCriterion.parse($0) }
        case .city: cities = values
        case .country: countries = try values.map { try Self.country($0, criterion) }
        case .notCountry: excludedCountries = try values.map { try Self.country($0, criterion) }
        case .points: points = try PointsRange.parse(try single())
        case .consent: requiresConsent = true
        case .marked: markedOnly = true
        case .filter:
            customFilter = CustomFilterReference(name: try single().trimmingCharacters(in: .whitespaces), parameters: [:])
        case .exclude: excludedNumbers = values
        case .purpose: purpose = try word(try single(), as: Purpose.self)
        }
    }

    /// The entries of list texts: split at commas, trimmed, blanks dropped. A list given
    /// but holding nothing (`--family ""`) is an error rather than "any".
    private static func entries(_ texts: [String]) -> [String] {
        texts.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    private static func date(_ text: String, _ criterion: SelectionCriterion) throws -> CalendarDate {
        guard let date = CalendarDate(text.trimmingCharacters(in: .whitespaces)) else {
            throw SelectionError(
                .invalidValue, "\(criterion.name) \"\(text)\" is not a day written YYYY-MM-DD.", criterion: criterion.id)
        }
        return date
    }

    private static func country(_ text: String, _ criterion: SelectionCriterion) throws -> String {
        let code = text.uppercased()
        guard code.utf8.count == 2, code.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw SelectionError(
                .invalidValue, "\(criterion.name) \"\(text)\" is not a two-letter ISO country code such as SE.",
                criterion: criterion.id)
        }
        return code
    }
}
