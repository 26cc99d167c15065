import Foundation
@testable import KassaCore
@testable import KassaSQLite

/// A folder of its own for one test, removed when the value is released.
final class StoreTestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kassa-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Hand-made customers whose differences exercise one criterion each.
enum StoreFixtures {
    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// A customer with every field and child set.
    static let complete = Customer(
        number: "1001",
        firstName: "Åsa",
        lastName: "Öberg",
        company: "Öbergs Cykel AB",
        isCompany: true,
        email: "asa@oberg.example",
        billingEmail: "faktura@oberg.example",
        contactEmails: ["verkstad@oberg.example", "asa.oberg@oberg.example"],
        mobile: "+46701234567",
        street: "Storgatan 12",
        postalCode: "211 45",
        city: "Malmö",
        country: "SE",
        family: "BUSINESS",
        type: "WHOLESALE",
        category: "A",
        points: 1250,
        turnoverGroup: "SILVER",
        newsletter: true,
        newsletterAt: Date(timeIntervalSince1970: 1_700_000_000),
        receivesStatusMails: true,
        lastVisit: day("2026-03-14"),
        vehicles: [
            Vehicle(type: "car", brand: "Volvo", model: "V60", plate: "ABC 123"),
            Vehicle(type: "bike", brand: "Crescent", model: "Elis", plate: nil),
        ],
        cards: [CustomerCard(number: "2990001234567", template: "BASIS", validUntil: day("2027-03-31"))],
        attributes: ["birthday": "1980-05-17", "language": "sv"])

    /// Twelve customers, numbers 1–12, each standing out in one or two ways.
    static let register: [Customer] = [
        Customer(number: "1", firstName: "Åsa", lastName: "Öberg", email: "asa@a.example", mobile: "+46701111111",
                 street: "Storgatan 1", postalCode: "211 45", city: "Malmö", country: "SE", family: "RETAIL",
                 type: "REGULAR", category: "A", points: 100, turnoverGroup: "BRONZE", newsletter: true,
                 lastVisit: day("2026-05-01"), vehicles: [Vehicle(type: "car", brand: "Volvo", model: "V70")]),
        Customer(number: "2", firstName: "Jürgen", lastName: "Müller", email: "j@m.example", mobile: nil,
                 street: "Hauptstraße 5", postalCode: "10115", city: "Berlin", country: "DE", family: "RETAIL",
                 type: "LOYALTY", category: "B", points: 600, turnoverGroup: "SILVER", newsletter: false,
                 lastVisit: day("2025-11-20"), vehicles: [Vehicle(type: "bike", brand: "Cube")]),
        Customer(number: "3", firstName: "Émilie", lastName: "Lefèvre", email: nil, mobile: "+33612345678",
                 street: "12 rue Victor Hugo", postalCode: "75001", city: "Paris", country: "FR", family: "VIP",
                 type: "REGULAR", category: "C", points: 5000, turnoverGroup: "PLATINUM", newsletter: true,
                 lastVisit: nil, vehicles: [Vehicle(type: "car", brand: "volvo", model: "XC60")]),
        Customer(number: "4", firstName: "Sanne", lastName: "de Vries", email: "sanne@v.example",
                 mobile: "+31612345678", street: nil, postalCode: "1234 AB", city: "Amsterdam", country: "NL",
                 family: "CLUB", type: "LOYALTY", category: "A", points: 0, turnoverGroup: "BRONZE",
                 newsletter: true, lastVisit: day("2026-06-01"),
                 vehicles: [Vehicle(type: "e-bike", brand: "Gazelle"), Vehicle(type: "car", brand: "Saab")]),
        Customer(number: "5", firstName: "Oliver", lastName: "Smith", email: "oliver@s.example",
                 mobile: "+447700900123", street: "1 High Street", postalCode: "SW1A 1AA", city: "London",
                 country: "GB", family: "RETAIL", type: "WEB", category: "B", points: 1500,
                 turnoverGroup: "GOLD", newsletter: false, lastVisit: day("2024-01-31")),
        Customer(number: "6", company: "Garage Dupont SARL", isCompany: true, email: "info@dupont.example",
                 billingEmail: "factures@dupont.example", mobile: "+33712345678", street: "3 rue Pasteur",
                 postalCode: "69003", city: "Lyon", country: "FR", family: "BUSINESS", type: "WHOLESALE",
                 category: "A", points: 250, turnoverGroup: "SILVER", newsletter: true,
                 lastVisit: day("2026-02-02"), vehicles: [Vehicle(type: "car", brand: "Peugeot", model: "308")]),
        Customer(number: "7", firstName: "Lars", lastName: "Nilsson", email: "lars@n.example",
                 mobile: "+46709999999", street: "Kungsgatan 7", postalCode: "113 22", city: "Stockholm",
                 country: "SE", family: "RETAIL", type: "REGULAR", category: "C", points: 499,
                 turnoverGroup: "BRONZE", newsletter: true, lastVisit: day("2026-01-01"),
                 vehicles: [Vehicle(type: "bike", brand: "Crescent")]),
        Customer(number: "8", firstName: "Bram", lastName: "Jansen", email: "bram@j.example", mobile: nil,
                 street: "Kerkstraat 8", postalCode: "1999 ZZ", city: "AMSTERDAM", country: "NL",
                 family: "RETAIL", type: "REGULAR", category: "B", points: 1000, turnoverGroup: "SILVER",
                 newsletter: false, lastVisit: day("2025-12-31")),
        Customer(number: "9", firstName: "Karin", lastName: "Berg", email: "karin@b.example",
                 mobile: "+46702222222", street: "Ringvägen 9", postalCode: "211 99", city: "malmö",
                 country: nil, family: "STAFF", type: "REGULAR", category: "A", points: 750,
                 turnoverGroup: "SILVER", newsletter: true, lastVisit: day("2026-04-30"),
                 vehicles: [Vehicle(type: "car", brand: "VOLVO", model: "240")]),
        Customer(number: "10", firstName: "Anna", lastName: "Schmidt", email: "anna@s.example",
                 mobile: "+4915112345678", street: "Bergstraße 10", postalCode: "80331", city: "München",
                 country: "DE", family: "RETAIL", type: "LOYALTY", category: "B", points: 1000,
                 turnoverGroup: "SILVER", newsletter: true, lastVisit: day("2026-05-02"),
                 vehicles: [Vehicle(type: "bike", brand: "Volvo")]),
        Customer(number: "11", firstName: "Théo", lastName: "Martin", email: "theo@m.example",
                 mobile: "+33698765432", street: "5 quai des Chartrons", postalCode: "33000", city: "Bordeaux",
                 country: "FR", family: "CLUB", type: "REGULAR", category: "C", points: 50,
                 turnoverGroup: "BRONZE", newsletter: false, lastVisit: day("2026-05-01")),
        Customer(number: "12", firstName: "Niamh", lastName: "O'Brien", email: "niamh@o.example",
                 mobile: "+447700900456", street: "2 Mill Lane", postalCode: "M1 2AB", city: "Manchester",
                 country: "GB", family: "VIP", type: "REGULAR", category: "A", points: 3000,
                 turnoverGroup: "GOLD", newsletter: true, lastVisit: day("2026-06-15"),
                 vehicles: [Vehicle(type: "moped", brand: "Honda", model: "PCX", plate: "AB12 CDE")]),
    ]

    /// An in-memory store holding `register`.
    static func store(_ customers: [Customer] = register) throws -> SQLiteCustomerStore {
        let store = try SQLiteCustomerStore.inMemory()
        try store.upsert(customers)
        return store
    }
}

extension CustomerStore {
    /// Every number the selection chooses, in order (test shorthand).
    func allNumbers(
        _ selection: CustomerSelection, batchSize: Int = 1000, filters: (any CustomerFilterProvider)? = nil
    ) throws -> [String] {
        var numbers: [String] = []
        try self.numbers(selection, batchSize: batchSize, filters: filters).forEach { numbers += $0 }
        return numbers
    }

    /// Every customer the selection chooses, in order (test shorthand).
    func allCustomers(
        _ selection: CustomerSelection, batchSize: Int = 1000, filters: (any CustomerFilterProvider)? = nil
    ) throws -> [Customer] {
        var customers: [Customer] = []
        try select(selection, batchSize: batchSize, filters: filters).forEach { customers += $0 }
        return customers
    }
}
