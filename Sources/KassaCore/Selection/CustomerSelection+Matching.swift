/// The built-in criteria evaluated in Swift, with exactly the rules the SQL store applies.
extension CustomerSelection {
    /// Whether `customer` meets every built-in criterion; `isMarked` says whether the
    /// customer is in the manual selection. The custom filter is not consulted.
    ///
    /// Stores compile the criteria to SQL; this is the reference they are tested against,
    /// and a fallback for a store that cannot express a criterion.
    public func matchesCriteria(_ customer: Customer, isMarked: Bool) -> Bool {
        func present(_ text: String?) -> Bool {
            guard let text else { return false }
            return !text.allSatisfy(\.isWhitespace)
        }
        func oneOf(_ list: [String], _ value: String?) -> Bool {
            list.isEmpty || value.map(list.contains) == true
        }
        guard oneOf(families, customer.family), oneOf(types, customer.type),
              oneOf(categories, customer.category), oneOf(turnoverGroups, customer.turnoverGroup)
        else { return false }
        if !vehicleTypes.isEmpty || !vehicleBrands.isEmpty {
            let foldedBrands = vehicleBrands.map(Customer.foldedKey)
            let owns = customer.vehicles.contains { vehicle in
                guard oneOf(vehicleTypes, vehicle.type) else { return false }
                guard !vehicleBrands.isEmpty else { return true }
                guard let brand = vehicle.brand else { return false }
                return vehicleBrandIgnoresCase
                    ? foldedBrands.contains(Customer.foldedKey(brand)) : vehicleBrands.contains(brand)
            }
            guard owns else { return false }
        }
        if let visitedSince {
            guard let lastVisit = customer.lastVisit, lastVisit >= visitedSince else { return false }
        }
        if let notVisitedSince, let lastVisit = customer.lastVisit, lastVisit >= notVisitedSince {
            return false
        }
        for requirement in requirements {
            switch requirement {
            case .email: guard present(customer.email) else { return false }
            case .mobile: guard present(customer.mobile) else { return false }
            case .address:
                guard present(customer.street), present(customer.postalCode), present(customer.city) else {
                    return false
                }
            }
        }
        if !postalCodes.isEmpty {
            guard present(customer.postalCode), postalCodes.contains(where: { $0.matches(customer.postalCode) }) else {
                return false
            }
        }
        if !cities.isEmpty {
            guard let city = customer.city, cities.map(Customer.foldedKey).contains(Customer.foldedKey(city)) else {
                return false
            }
        }
        let country = customer.country.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        if !countries.isEmpty {
            guard let country, countries.map({ $0.uppercased() }).contains(country) else { return false }
        }
        if let country, excludedCountries.map({ $0.uppercased() }).contains(country) {
            return false
        }
        if let points, !points.contains(customer.points) { return false }
        if effectiveRequiresConsent, !customer.newsletter { return false }
        if markedOnly, !isMarked { return false }
        if let isCompany, customer.isCompany != isCompany { return false }
        if excludedNumbers.contains(customer.number) { return false }
        if let onlyNumbers, !onlyNumbers.contains(customer.number) { return false }
        return true
    }
}
