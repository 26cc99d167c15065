internal import GRDB
import KassaCore

/// The built-in criteria of a `CustomerSelection` as one SQLite `WHERE` clause over
/// `customer c`, one condition per `SelectionCriterion` (a switch: a new criterion does not
/// compile until it has its SQL), with every value passed as a statement argument: values
/// never become SQL text, so a city named `'; DROP TABLE customer; --` is only a city.
struct SQLiteSelectionQuery {
    /// The conditions joined by `AND`; `1` for the empty selection.
    private(set) var whereClause = "1"
    /// The values for the `?` placeholders, in order.
    private(set) var arguments = StatementArguments()

    init(_ selection: CustomerSelection) {
        var conditions: [String] = []
        func add(_ condition: String, _ values: [(any DatabaseValueConvertible)?] = []) {
            conditions.append(condition)
            arguments += StatementArguments(values)
        }
        func placeholders(_ count: Int) -> String {
            Array(repeating: "?", count: count).joined(separator: ", ")
        }
        func oneOf(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            add("\(column) IN (\(placeholders(values.count)))", values)
        }

        for criterion in SelectionCriterion.ID.allCases {
            switch criterion {
            case .family: oneOf("c.family", selection.families)
            case .type: oneOf("c.type", selection.types)
            case .category: oneOf("c.category", selection.categories)
            case .turnoverGroup: oneOf("c.turnover_group", selection.turnoverGroups)
            case .vehicleType:
                guard !selection.vehicleTypes.isEmpty || !selection.vehicleBrands.isEmpty else { break }
                // One vehicle must match type and brand together: one element of the
                // `vehicles` JSON array (see the schema).
                var vehicleConditions: [String] = []
                var values: [(any DatabaseValueConvertible)?] = []
                if !selection.vehicleTypes.isEmpty {
                    vehicleConditions.append("v.value ->> \(StoredJSON.VehicleIndex.type.rawValue) IN (\(placeholders(selection.vehicleTypes.count)))")
                    values += selection.vehicleTypes
                }
                if !selection.vehicleBrands.isEmpty {
                    // The folded key finds the brand whatever its case; the exact brand, when
                    // case matters, narrows it down.
                    let folded = selection.vehicleBrands.map(Customer.foldedKey)
                    vehicleConditions.append("v.value ->> \(StoredJSON.VehicleIndex.brandKey.rawValue) IN (\(placeholders(folded.count)))")
                    values += folded
                    if !selection.vehicleBrandIgnoresCase {
                        vehicleConditions.append("v.value ->> \(StoredJSON.VehicleIndex.brand.rawValue) IN (\(placeholders(selection.vehicleBrands.count)))")
                        values += selection.vehicleBrands
                    }
                }
                // `json_each` over every customer's vehicles costs about 0.5 s per million
                // customers; a byte search for the wanted JSON string first (`instr`, in C)
                // leaves it only the rows that can match.
                let needles: [(any DatabaseValueConvertible)?] = (selection.vehicleBrands.isEmpty
                    ? selection.vehicleTypes : selection.vehicleBrands.map(Customer.foldedKey)).map(StoredJSON.encodedString)
                let prefilter = needles.map { _ in "instr(c.vehicles, ?) > 0" }.joined(separator: " OR ")
                add("(\(prefilter)) AND EXISTS (SELECT 1 FROM json_each(c.vehicles) v WHERE \(vehicleConditions.joined(separator: " AND ")))",
                    needles + values)
            case .vehicleBrand, .ignoreCase:
                break  // in vehicle_type's one-vehicle condition
            case .visitedSince:
                if let since = selection.visitedSince { add("c.last_visit >= ?", [since.description]) }
            case .notVisitedSince:
                if let notSince = selection.notVisitedSince {
                    add("(c.last_visit IS NULL OR c.last_visit < ?)", [notSince.description])
                }
            case .has:
                // The store keeps blank text as NULL, so presence is IS NOT NULL.
                for requirement in selection.requirements.sorted() {
                    switch requirement {
                    case .email: add("c.email IS NOT NULL")
                    case .mobile: add("c.mobile IS NOT NULL")
                    case .address: add("(c.street IS NOT NULL AND c.postal_code IS NOT NULL AND c.city IS NOT NULL)")
                    }
                }
            case .postalCode:
                guard !selection.postalCodes.isEmpty else { break }
                var alternatives: [String] = []
                var values: [(any DatabaseValueConvertible)?] = []
                for criterion in selection.postalCodes {
                    // Prefixes and ranges are key intervals [low, high): an index range scan.
                    func interval(from low: String, before high: String?) {
                        if let high {
                            alternatives.append("(c.postal_key >= ? AND c.postal_key < ?)")
                            values += [low, high]
                        } else {
                            alternatives.append("c.postal_key >= ?")
                            values.append(low)
                        }
                    }
                    switch criterion {
                    case .exact(let code):
                        alternatives.append("c.postal_key = ?")
                        values.append(Customer.postalKey(code))
                    case .prefix(let prefix):
                        let key = Customer.postalKey(prefix)
                        interval(from: key, before: Self.successor(ofPrefix: key))
                    case .range(let from, let to):
                        interval(from: Customer.postalKey(from), before: Self.successor(ofPrefix: Customer.postalKey(to)))
                    }
                }
                add("(" + alternatives.joined(separator: " OR ") + ")", values)
            case .city: oneOf("c.city_key", selection.cities.map(Customer.foldedKey))
            case .country: oneOf("c.country", selection.countries.map { $0.uppercased() })
            case .notCountry:
                guard !selection.excludedCountries.isEmpty else { break }
                add("(c.country IS NULL OR c.country NOT IN (\(placeholders(selection.excludedCountries.count))))",
                    selection.excludedCountries.map { $0.uppercased() })
            case .points:
                if let minimum = selection.points?.minimum { add("c.points >= ?", [minimum]) }
                if let maximum = selection.points?.maximum { add("c.points <= ?", [maximum]) }
            case .consent:
                if selection.effectiveRequiresConsent { add("c.newsletter = 1") }
            case .purpose:
                break  // marketing is the consent condition (see consent)
            case .marked:
                if selection.markedOnly { add("c.id IN (SELECT customer_id FROM customer_mark)") }
            case .filter:
                break  // runs on the rows this query chose (CustomerStore.select)
            case .exclude:
                guard !selection.excludedNumbers.isEmpty else { break }
                // One parameter however long the list: "select all, then deselect some" can
                // leave out thousands.
                add("c.number_key NOT IN (SELECT value FROM json_each(?))",
                    [SQLiteCustomerStore.jsonArray(selection.excludedNumbers.map(Customer.numberKey))])
            }
        }
        if let isCompany = selection.isCompany { add("c.is_company = ?", [isCompany]) }

        if let numbers = selection.onlyNumbers {
            add("c.number_key IN (SELECT value FROM json_each(?))",
                [SQLiteCustomerStore.jsonArray(numbers.map(Customer.numberKey))])
        }

        if !conditions.isEmpty { whereClause = conditions.joined(separator: "\n  AND ") }
    }

    /// The smallest text above every text that starts with `prefix` (its last character
    /// incremented), or `nil` when there is none.
    static func successor(ofPrefix prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var value = last.value + 1
            if (0xD800...0xDFFF).contains(value) { value = 0xE000 }
            if let next = Unicode.Scalar(value) {
                scalars.append(next)
                return String(String.UnicodeScalarView(scalars))
            }
        }
        return nil
    }
}
