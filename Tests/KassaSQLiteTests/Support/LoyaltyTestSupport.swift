import Foundation
@testable import KassaCore
@testable import KassaSQLite

/// A plain comma-joined encoder: the CSV dialect is KassaCSV's business, these tests are
/// about what is paid and recorded.
struct JoinedVoucherEncoder: VoucherFileEncoder {
    func encode(header: [String], rows: [[String]]) throws -> Data {
        Data(([header] + rows).map { $0.joined(separator: ",") + "\n" }.joined().utf8)
    }
}

/// The failure an observer throws to stop a pay-out at a step.
struct StopHere: Error, Equatable {
    let step: ChequeIssueStep
}

/// A register with customers at the edges of the cheque rule (500 points per 5.00 cheque).
struct LoyaltyFixture {
    static let rule = try! ChequeRule(pointsPerCheque: 500, chequeValue: Money(minorUnits: 500))
    static let day = CalendarDate("2026-11-30")!

    let folder: StoreTestFolder
    let customers: SQLiteCustomerStore
    let loyalty: SQLiteLoyaltyStore

    /// Customers: 1 has 0 points, 2 has 499, 3 exactly 500, 4 has 1750 (three cheques, 250
    /// left), 5 has 100,000, 6 has 900 but no e-mail, 7 is a company with 600.
    static let register: [Customer] = [
        Customer(number: "1", firstName: "Noll", email: "noll@example.se", points: 0),
        Customer(number: "2", firstName: "Nästan", email: "nastan@example.se", points: 499),
        Customer(number: "3", firstName: "Åsa", lastName: "Öberg", email: " asa@example.se ", points: 500),
        Customer(number: "4", firstName: "Bo", lastName: "Ek", email: "bo@example.se", points: 1_750),
        Customer(number: "5", firstName: "Rik", email: "rik@example.se", points: 100_000),
        Customer(number: "6", firstName: "Post", street: "Storgatan 1", postalCode: "211 45", city: "Malmö", points: 900),
        Customer(number: "7", company: "Cykel AB", isCompany: true, email: "info@cykel.example", points: 600),
    ]

    init(_ customers: [Customer] = LoyaltyFixture.register) throws {
        folder = try StoreTestFolder()
        self.customers = try SQLiteCustomerStore(path: folder.path("kassa.sqlite"))
        try self.customers.upsert(customers)
        loyalty = try SQLiteLoyaltyStore(customers: self.customers)
    }

    var outbox: String { folder.path("outbox") }

    func points(_ number: String) throws -> Int? {
        try customers.customer(number: number)?.points
    }

    func allPoints() throws -> [String: Int] {
        var points: [String: Int] = [:]
        for customer in try customers.allCustomers(CustomerSelection()) { points[customer.number] = customer.points }
        return points
    }

    func service() -> ChequeService {
        ChequeService(customers: customers, loyalty: loyalty, rule: Self.rule)
    }

    /// Pays out every customer numbered in `numbers` to `name` in the outbox.
    func issue(_ numbers: [String], file name: String = "KADO1125.CSV", directory: String? = nil, on day: CalendarDate = LoyaltyFixture.day,
               stopAt stop: ChequeIssueStep? = nil) throws -> ChequeIssue {
        try loyalty.issueCheques(to: numbers, rule: Self.rule, on: day, file: VoucherFileName(name),
                                 directory: directory ?? outbox, encoder: JoinedVoucherEncoder()) { step in
            if step == stop { throw StopHere(step: step) }
        }
    }

    /// Names in the folder, hidden ones included.
    func entries(_ directory: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory ?? outbox)) ?? []).sorted()
    }
}
