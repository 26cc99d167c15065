import Testing
@testable import KassaCore
@testable import KassaDemo
@testable import KassaSQLite

/// Random selections over demo customers: the SQL the store runs must choose exactly the
/// customers the Swift reference (`matchesCriteria`) chooses.
@Suite("Selection SQL agrees with the Swift reference on demo data")
struct SelectionReferenceTests {
    @Test("300 random selections over 2,000 demo customers")
    func randomSelections() throws {
        let customers = DemoRegister.generate(count: 2_000, seed: 7)
        let store = try StoreFixtures.store(customers)
        let marked = Set(customers.indices.filter { $0 % 7 == 0 }.map { customers[$0].number })
        try store.mark(Array(marked))

        var random = DemoRandom(seed: 99)
        func sample<T>(_ values: [T]) -> T { values[random.below(values.count)] }
        let families = Array(Set(customers.compactMap(\.family))).sorted()
        let cities = Array(Set(customers.compactMap(\.city))).sorted()
        let codes = customers.compactMap(\.postalCode)
        let brands = Array(Set(customers.flatMap(\.vehicles).compactMap(\.brand))).sorted()

        var nonEmpty = 0
        for round in 0..<300 {
            var selection = CustomerSelection()
            for _ in 0..<(1 + random.below(4)) {
                switch random.below(17) {
                case 0: selection.families.append(sample(families))
                case 1: selection.types.append(sample(["REGULAR", "LOYALTY", "WEB", "WHOLESALE"]))
                case 2: selection.categories.append(sample(["A", "B", "C"]))
                case 3: selection.turnoverGroups.append(sample(["BRONZE", "SILVER", "GOLD", "PLATINUM"]))
                case 4: selection.vehicleTypes.append(sample(["bike", "e-bike", "car", "moped"]))
                case 5:
                    let brand = sample(brands)
                    selection.vehicleBrandIgnoresCase = random.percent(50)
                    selection.vehicleBrands.append(random.percent(50) ? brand.uppercased() : brand)
                case 6: selection.visitedSince = DemoRegister.defaultReferenceDate.adding(days: -random.below(900))
                case 7: selection.notVisitedSince = DemoRegister.defaultReferenceDate.adding(days: -random.below(900))
                case 8: selection.requirements.insert(sample(CustomerSelection.Requirement.allCases))
                case 9:
                    let code = sample(codes)
                    let key = Customer.postalKey(code)
                    switch random.below(3) {
                    case 0: selection.postalCodes.append(.exact(code.lowercased()))
                    case 1: selection.postalCodes.append(.prefix(String(key.prefix(1 + random.below(3)))))
                    default:
                        let other = Customer.postalKey(sample(codes))
                        let width = min(key.count, other.count, 1 + random.below(4))
                        let ends = [String(key.prefix(width)), String(other.prefix(width))].sorted {
                            PostalCodeCriterion.precedes($0, $1)
                        }
                        selection.postalCodes.append(.range(from: ends[0], to: ends[1]))
                    }
                case 10: selection.cities.append(random.percent(50) ? sample(cities).uppercased() : sample(cities))
                case 11: selection.countries.append(sample(["SE", "NL", "FR", "DE", "GB"]))
                case 12: selection.excludedCountries.append(sample(["se", "NL", "FR", "DE", "GB"]))
                case 13:
                    let low = random.percent(30) ? nil : random.below(3_000)
                    let high = random.percent(30) ? nil : (low ?? 0) + random.below(6_000)
                    selection.points = PointsRange(minimum: low, maximum: high)
                case 14: selection.requiresConsent = true
                case 15: selection.markedOnly = true
                default:
                    selection.purpose = sample([.marketing, .transactional])
                    selection.isCompany = random.percent(50) ? nil : random.percent(20)
                    selection.excludedNumbers = (0..<random.below(50)).map { _ in sample(customers).number }
                }
            }
            let expected = customers
                .filter { selection.matchesCriteria($0, isMarked: marked.contains($0.number)) }
                .map(\.number)
            let actual = try store.allNumbers(selection, batchSize: 333)
            #expect(actual == expected, "round \(round): \(selection)")
            #expect(try store.count(selection) == expected.count)
            if !expected.isEmpty { nonEmpty += 1 }
        }
        // The comparison means something only if many selections choose someone.
        #expect(nonEmpty > 100)
    }
}
