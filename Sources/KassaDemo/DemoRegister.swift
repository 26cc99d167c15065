import Foundation
import KassaCore

/// Realistic demo customers from Sweden, the Netherlands, France, Germany and Britain
/// (`kassa demo seed --customers N --seed S`).
///
/// Deterministic: customer `i` depends only on the seed, `i` and the reference date, never
/// on the machine, the time or the batch size, so `generate(count: 10, seed: 1)` is the
/// first ten of `generate(count: 1_000, seed: 1)`. Customer numbers run from 100001 up.
///
/// What they look like: names with their own letters (Åsa Öberg, Jürgen Müller, Émilie
/// Lefèvre, Sanne de Vries, Oliver Smith) in a matching country, city, street and postal
/// code shape (`123 45`, `1234 AB`, `75001`, `10115`, `SW1A 1AA`); E.164 mobiles of the
/// country; e-mail addresses under reserved example domains (see `DemoLocale.all`); about
/// 7 % companies with billing and contact addresses; families, types, categories and
/// turnover groups; bikes, e-bikes, cars and mopeds of the country's brands; points;
/// newsletter consent for about 60 % with the time it was given; last visits within four
/// years before the reference date; some without e-mail, mobile or street; customer cards;
/// a few attributes: `language` (30 %), `birthday` (half the private customers) and
/// `frame_size` (half the bike owners).
public enum DemoRegister {
    /// The day demo visits and consents lead up to, unless another is given: fixed so the
    /// same seed always gives the same register.
    public static let defaultReferenceDate = CalendarDate(year: 2026, month: 6, day: 30)!

    /// The first customer number.
    public static let firstNumber = 100_001

    /// `count` customers, all in memory: for tests and small registers. Use `batches` for
    /// large ones.
    public static func generate(
        count: Int, seed: UInt64, referenceDate: CalendarDate = defaultReferenceDate
    ) -> [Customer] {
        (0..<max(0, count)).map { customer(at: $0, seed: seed, referenceDate: referenceDate) }
    }

    /// `count` customers as a stream of batches of `batchSize`, generated as they are
    /// iterated: memory stays flat whatever the count.
    public static func batches(
        count: Int, seed: UInt64, batchSize: Int = 10_000, referenceDate: CalendarDate = defaultReferenceDate
    ) -> Batches {
        Batches(count: max(0, count), seed: seed, batchSize: max(1, batchSize), referenceDate: referenceDate)
    }

    /// The demo customers in batches; iterate with `for batch in …`.
    public struct Batches: Sequence, Sendable {
        public let count: Int
        public let seed: UInt64
        public let batchSize: Int
        public let referenceDate: CalendarDate

        public struct Iterator: IteratorProtocol {
            let batches: Batches
            var position = 0

            public mutating func next() -> [Customer]? {
                guard position < batches.count else { return nil }
                let end = Swift.min(position + batches.batchSize, batches.count)
                defer { position = end }
                return (position..<end).map {
                    DemoRegister.customer(at: $0, seed: batches.seed, referenceDate: batches.referenceDate)
                }
            }
        }

        public func makeIterator() -> Iterator { Iterator(batches: self) }
    }

    /// Weighted tables, built once.
    private enum Tables {
        static let locales = WeightedChoice(DemoLocale.all.map { ($0, $0.weight) })
        static let companyTypes = WeightedChoice([("REGULAR", 60), ("WHOLESALE", 40)])
        static let families = WeightedChoice([("RETAIL", 80), ("CLUB", 10), ("VIP", 6), ("STAFF", 4)])
        static let types = WeightedChoice([("REGULAR", 65), ("LOYALTY", 30), ("WEB", 5)])
        static let categories = WeightedChoice([("A", 20), ("B", 45), ("C", 35)])
        static let vehicleCounts = WeightedChoice([(0, 35), (1, 45), (2, 15), (3, 5)])
    }

    /// The demo customer at `index` (0-based) of the register made from `seed`.
    public static func customer(
        at index: Int, seed: UInt64, referenceDate: CalendarDate = defaultReferenceDate
    ) -> Customer {
        var random = DemoRandom(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD605_BBB5_8C8A_BE6B))
        let locale = Tables.locales.pick(&random)
        let female = random.percent(50)
        let first = random.pick(female ? locale.femaleNames : locale.maleNames)
        let last = random.pick(locale.lastNames)
        let place = random.pick(locale.places)
        let isCompany = random.percent(7)

        var customer = Customer(number: String(firstNumber + index))
        customer.firstName = first.display
        customer.lastName = last.display
        customer.country = locale.country
        customer.city = place.city
        customer.postalCode = place.postalCode(&random)
        if random.percent(97) {
            let houseNumber = String(random.within(1...180)) + (random.percent(10) ? random.pick(["a", "b", "c"]) : "")
            customer.street = locale.address(random.pick(locale.streets), houseNumber)
        }
        if random.percent(90) { customer.mobile = locale.mobile(&random) }

        if isCompany {
            let (company, domain) = random.pick(locale.companyPatterns).render(last: last, place: place)
            customer.company = company
            customer.isCompany = true
            customer.email = "info@\(domain)"
            customer.billingEmail = "\(locale.invoiceMailbox)@\(domain)"
            customer.contactEmails = random.percent(50)
                ? ["\(first.ascii).\(last.ascii)@\(domain)"]
                : ["\(first.ascii).\(last.ascii)@\(domain)", "verkstad@\(domain)"]
            customer.family = "BUSINESS"
            customer.type = Tables.companyTypes.pick(&random)
        } else {
            if random.percent(88) {
                let domain = random.percent(30)
                    ? random.pick(["gmail.example", "outlook.example", "icloud.example"])
                    : random.pick(locale.mailDomains)
                let local: String
                switch random.below(5) {
                case 0: local = "\(first.ascii).\(last.ascii)"
                case 1: local = "\(first.ascii)\(last.ascii)"
                case 2: local = "\(first.ascii.prefix(1)).\(last.ascii)"
                case 3: local = "\(first.ascii).\(last.ascii)\(random.within(1...99))"
                default: local = "\(last.ascii).\(first.ascii)"
                }
                customer.email = "\(local)@\(domain)"
            }
            customer.family = Tables.families.pick(&random)
            customer.type = Tables.types.pick(&random)
        }
        customer.category = Tables.categories.pick(&random)

        // Points: most customers have a few hundred, a few have thousands.
        let roll = Double(random.below(1_000_000)) / 1_000_000
        customer.points = Int(roll * roll * roll * 9_000) / 10 * 10
        customer.turnoverGroup = switch customer.points {
        case ..<200: "BRONZE"
        case ..<1_500: "SILVER"
        case ..<5_000: "GOLD"
        default: "PLATINUM"
        }

        let today = referenceDate.daysSinceEpoch
        if random.percent(60) {
            // Consent since GDPR (2018-05-25), at a time of day during opening hours.
            let gdpr = CalendarDate(year: 2018, month: 5, day: 25)!.daysSinceEpoch
            let day = random.within(gdpr...today)
            let second = random.within(9 * 3600...19 * 3600)
            customer.newsletter = true
            customer.newsletterAt = Date(timeIntervalSince1970: Double(day * 86_400 + second))
        }
        customer.receivesStatusMails = random.percent(35)
        if random.percent(92) {
            // Recent visits are likelier than old ones.
            let daysAgo = random.below(1_460) * random.below(1_000) / 1_000
            customer.lastVisit = CalendarDate(daysSinceEpoch: today - daysAgo)
        }

        let vehicleCount = Tables.vehicleCounts.pick(&random)
        var ownsBike = false
        for _ in 0..<vehicleCount {
            let typeIndex = DemoLocale.vehicleTypes.index(&random)
            let brand = random.pick(locale.brands[typeIndex])
            // Cars and mopeds (the last two types) carry number plates.
            let plate = typeIndex >= 2 ? locale.plate(&random) : nil
            ownsBike = ownsBike || typeIndex < 2
            customer.vehicles.append(Vehicle(
                type: DemoLocale.vehicleTypes.items[typeIndex], brand: brand.name, model: random.pick(brand.models),
                plate: plate))
        }

        if random.percent(25) {
            let validUntil = random.percent(50) ? referenceDate.adding(days: random.within(30...1_095)) : nil
            customer.cards.append(CustomerCard(
                number: "2990\(random.digits(9))", template: random.pick(["BASIS", "GOLD"]),
                validUntil: validUntil, status: "active"))
        }

        var attributes = [String: String](minimumCapacity: 3)
        if random.percent(30) { attributes["language"] = locale.language }
        if !isCompany, random.percent(50) {
            let birthday = CalendarDate(year: random.within(1940...2006), month: random.within(1...12),
                                        day: random.within(1...28))!
            attributes["birthday"] = birthday.description
        }
        if ownsBike, random.percent(50) {
            attributes["frame_size"] = String(random.pick([46, 49, 52, 54, 56, 58, 61]))
        }
        customer.attributes = attributes
        return customer
    }
}
