/// The built-in criteria evaluated in Swift, with exactly the rules the SQL store applies.
extension CustomerSelection {
    /// Whether `customer` meets every built-in criterion; `isMarked` says whether the
    /// customer is in the manual selection. The custom filter is not consulted.
    ///
    /// Stores compile the criteria to SQL; this is the reference they are tested against,
    /// and a fallback for a store that cannot express a criterion.
    public func matchesCriteria(_ customer: Customer, isMarked: Bool) -> Bool {
        for criterion in SelectionCriterion.ID.allCases {
            guard matches(criterion, customer, isMarked: isMarked) else { return false }
        }
        if let isCompany, customer.isCompany != isCompany { return false }
        if let onlyNumbers, !onlyNumbers.contains(customer.number) { return false }
        return true
    }

    /// Whether `customer` meets one criterion (an unset criterion is met by everyone).
    private func matches(_ criterion: SelectionCriterion.ID, _ customer: Customer, isMarked: Bool) -> Bool {
        func present(_ text: String?) -> Bool {
            guard let text else { return false }
            return !text.allSatisfy(\.isWhitespace)
        }
        func oneOf(_ list: [String], _ value: String?) -> Bool {
            list.isEmpty || value.map(list.contains) == true
        }
        let country = customer.country.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        switch criterion {
        case .family: return oneOf(families, customer.family)
        case .type: return oneOf(types, customer.type)
        case .category: return oneOf(categories, customer.category)
        case .turnoverGroup: return oneOf(turnoverGroups, customer.turnoverGroup)
        case .vehicleType:
            // Type and brand together mean one vehicle of both.
            guard !vehicleTypes.isEmpty || !vehicleBrands.isEmpty else { return true }
            let foldedBrands = vehicleBrands.map(Customer.foldedKey)
            return customer.vehicles.contains { vehicle in
                guard oneOf(vehicleTypes, vehicle.type) else { return false }
                guard !vehicleBrands.isEmpty else { return true }
                guard let brand = vehicle.brand else { return false }
                return vehicleBrandIgnoresCase
                    ? foldedBrands.contains(Customer.foldedKey(brand)) : vehicleBrands.contains(brand)
            }
        case .vehicleBrand, .ignoreCase:
            return true  // part of vehicle_type's one-vehicle rule
        case .visitedSince:
            guard let visitedSince else { return true }
            guard let lastVisit = customer.lastVisit else { return false }
            return lastVisit >= visitedSince
        case .notVisitedSince:
            guard let notVisitedSince, let lastVisit = customer.lastVisit else { return true }
            return lastVisit < notVisitedSince
        case .has:
            return requirements.allSatisfy { requirement in
                switch requirement {
                case .email: present(customer.email)
                case .mobile: present(customer.mobile)
                case .address: present(customer.street) && present(customer.postalCode) && present(customer.city)
                }
            }
        case .postalCode:
            return postalCodes.isEmpty
                || (present(customer.postalCode) && postalCodes.contains { $0.matches(customer.postalCode) })
        case .city:
            guard !cities.isEmpty else { return true }
            guard let city = customer.city else { return false }
            return cities.map(Customer.foldedKey).contains(Customer.foldedKey(city))
        case .country:
            guard !countries.isEmpty else { return true }
            guard let country else { return false }
            return countries.map { $0.uppercased() }.contains(country)
        case .notCountry:
            guard let country else { return true }
            return !excludedCountries.map { $0.uppercased() }.contains(country)
        case .points:
            return points?.contains(customer.points) ?? true
        case .consent, .purpose:
            return !effectiveRequiresConsent || customer.newsletter
        case .marked:
            return !markedOnly || isMarked
        case .filter:
            return true  // run after the built-in criteria, by the store
        case .exclude:
            return !excludedNumbers.contains(customer.number)
        }
    }
}
