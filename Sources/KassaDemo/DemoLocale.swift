import KassaCore

/// One country of the demo register: names with their own letters, real postal code
/// shapes, cities, streets, mobile numbers, vehicle brands and plates.
final class DemoLocale: Sendable {
    /// A name as written and as folded to ASCII for e-mail addresses (`Öberg` → `oberg`).
    struct Name: Sendable {
        let display: String
        let ascii: String
    }

    /// A city and the postal codes that belong to it.
    struct Place: Sendable {
        let city: String
        /// The city folded to ASCII, for company domains.
        let ascii: String
        /// Makes a postal code of the city's area in the country's shape.
        let postalCode: @Sendable (inout DemoRandom) -> String

        init(city: String, postalCode: @escaping @Sendable (inout DemoRandom) -> String) {
            self.city = city
            self.ascii = DemoLocale.asciiFolded(city)
            self.postalCode = postalCode
        }
    }

    /// A company name pattern such as `{last}s Cykel AB`, split once into its parts.
    struct CompanyPattern: Sendable {
        private enum Part: Sendable {
            case text(String, ascii: String)
            case last
            case city
        }

        private let parts: [Part]

        init(_ pattern: String) {
            var parts: [Part] = []
            var rest = Substring(pattern)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                if open > rest.startIndex {
                    let text = String(rest[..<open])
                    parts.append(.text(text, ascii: DemoLocale.asciiFolded(text)))
                }
                parts.append(rest[open...close] == "{city}" ? .city : .last)
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty { parts.append(.text(String(rest), ascii: DemoLocale.asciiFolded(String(rest)))) }
            self.parts = parts
        }

        /// The company's name and its mail domain (`oberg-s-cykel-ab.example` style, folded).
        func render(last: Name, place: Place) -> (name: String, domain: String) {
            var name = ""
            var domain = ""
            for part in parts {
                switch part {
                case .text(let text, let ascii):
                    name += text
                    domain += ascii
                case .last:
                    name += last.display
                    domain += last.ascii
                case .city:
                    name += place.city
                    domain += place.ascii
                }
            }
            return (name, String(domain.prefix(24)) + ".example")
        }
    }

    let country: String
    let language: String
    /// How many customers in a hundred come from this country.
    let weight: Int
    let femaleNames: [Name]
    let maleNames: [Name]
    let lastNames: [Name]
    let places: [Place]
    let streets: [String]
    /// Puts a street and a house number together the country's way.
    let address: @Sendable (String, String) -> String
    let mobile: @Sendable (inout DemoRandom) -> String
    let mailDomains: [String]
    /// Company name patterns; `{last}` and `{city}` are filled in.
    let companyPatterns: [CompanyPattern]
    let invoiceMailbox: String
    /// Vehicle brands with models, by the index of the vehicle type in `vehicleTypes`.
    let brands: [[Brand]]
    let plate: @Sendable (inout DemoRandom) -> String

    /// A vehicle brand and some of its models.
    struct Brand: Sendable {
        let name: String
        let models: [String]
    }

    /// The vehicle types of the demo register, with how many vehicles in a hundred have
    /// each; only the last two carry number plates.
    static let vehicleTypes = WeightedChoice([("bike", 45), ("e-bike", 20), ("car", 30), ("moped", 5)])

    init(
        country: String, language: String, weight: Int, femaleNames: [Name], maleNames: [Name],
        lastNames: [Name], places: [Place], streets: [String],
        address: @escaping @Sendable (String, String) -> String,
        mobile: @escaping @Sendable (inout DemoRandom) -> String,
        mailDomains: [String], companyPatterns: [String], invoiceMailbox: String,
        brands: [String: [(String, [String])]],
        plate: @escaping @Sendable (inout DemoRandom) -> String
    ) {
        self.country = country
        self.language = language
        self.weight = weight
        self.femaleNames = femaleNames
        self.maleNames = maleNames
        self.lastNames = lastNames
        self.places = places
        self.streets = streets
        self.address = address
        self.mobile = mobile
        self.mailDomains = mailDomains
        self.companyPatterns = companyPatterns.map(CompanyPattern.init)
        self.invoiceMailbox = invoiceMailbox
        self.brands = Self.vehicleTypes.items.map { type in
            (brands[type] ?? []).map { Brand(name: $0.0, models: $0.1) }
        }
        self.plate = plate
    }

    static func names(_ list: [String], umlautsAsE: Bool = false) -> [Name] {
        list.map { Name(display: $0, ascii: asciiFolded($0, umlautsAsE: umlautsAsE)) }
    }

    /// Lower-case ASCII for an e-mail local part: `Jürgen` → `juergen`, `Émilie` → `emilie`,
    /// `de Vries` → `devries`, `O'Brien` → `obrien`. German names write umlauts as `ae`,
    /// `oe`, `ue` (`Müller` → `mueller`), as Germans do in addresses.
    static func asciiFolded(_ text: String, umlautsAsE: Bool = false) -> String {
        var folded = ""
        for character in text.lowercased() {
            if umlautsAsE, let spelled = ["ä": "ae", "ö": "oe", "ü": "ue"][character] {
                folded += spelled
                continue
            }
            switch character {
            case "å", "ä", "à", "á", "â", "ã": folded += "a"
            case "æ": folded += "ae"
            case "ö", "ø", "ô", "ò", "ó": folded += "o"
            case "œ": folded += "oe"
            case "ü", "û", "ù", "ú": folded += "u"
            case "é", "è", "ê", "ë": folded += "e"
            case "ï", "î", "í": folded += "i"
            case "ç": folded += "c"
            case "ß": folded += "ss"
            case "ñ": folded += "n"
            case "š": folded += "s"
            case "a"..."z", "0"..."9": folded.append(character)
            default: break
            }
        }
        return folded
    }

    // MARK: - Helpers for the tables

    static let nlLetters: [Character] = Array("ABCDEGHJKLMNPRSTVWXZ")
    static let gbLetters: [Character] = Array("ABDEFGHJLNPQRSTUWXYZ")
    static let plateLetters: [Character] = Array("ABCDEFGHJKLMNPRSTUWXYZ")

    /// Codes `NNNNN` between `low` and `high`, zero-padded to `width`.
    static func numeric(_ low: Int, _ high: Int, width: Int = 5) -> @Sendable (inout DemoRandom) -> String {
        { random in
            let value = String(random.within(low...high))
            return String(repeating: "0", count: max(0, width - value.count)) + value
        }
    }

    /// Codes from a fixed list.
    static func oneOf(_ codes: [String]) -> @Sendable (inout DemoRandom) -> String {
        { random in random.pick(codes) }
    }

    /// Swedish `NNN NN` with the first three digits in `low...high`.
    static func swedish(_ low: Int, _ high: Int) -> @Sendable (inout DemoRandom) -> String {
        { random in "\(random.within(low...high)) \(random.digits(2))" }
    }

    /// Dutch `NNNN LL` with the four digits in `low...high` (never SA, SD or SS).
    static func dutch(_ low: Int, _ high: Int) -> @Sendable (inout DemoRandom) -> String {
        { random in
            var letters = random.letters(2, from: nlLetters)
            while ["SA", "SD", "SS"].contains(letters) { letters = random.letters(2, from: nlLetters) }
            return "\(random.within(low...high)) \(letters)"
        }
    }

    /// British `OUTWARD NLL` with an outward code of the city.
    static func british(_ outwardCodes: [String]) -> @Sendable (inout DemoRandom) -> String {
        { random in "\(random.pick(outwardCodes)) \(random.below(10))\(random.letters(2, from: gbLetters))" }
    }
}

/// Items drawn with given weights, the total computed once.
struct WeightedChoice<Item: Sendable>: Sendable {
    let items: [Item]
    let weights: [Int]
    let total: Int

    init(_ pairs: [(Item, Int)]) {
        items = pairs.map(\.0)
        weights = pairs.map(\.1)
        total = weights.reduce(0, +)
    }

    /// The index of an item, each as likely as its weight.
    func index(_ random: inout DemoRandom) -> Int {
        var roll = random.below(total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// An item, each as likely as its weight.
    func pick(_ random: inout DemoRandom) -> Item {
        items[index(&random)]
    }
}
