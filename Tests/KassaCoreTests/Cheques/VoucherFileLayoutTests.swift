import Testing
@testable import KassaCore

@Suite("The voucher service's file layout")
struct VoucherFileLayoutTests {
    private let layout = VoucherFileLayout()
    private let day = CalendarDate(year: 2026, month: 11, day: 30)!
    private let rule = try! ChequeRule(pointsPerCheque: 500, chequeValue: Money(minorUnits: 500))

    private func row(_ customer: Customer, sequence: Int = 1) throws -> [String] {
        let award = try #require(rule.cheque(for: customer))
        return try layout.row(for: customer, award: award, chequeNumber: ChequeNumber(date: day, sequence: sequence)!, date: day)
    }

    @Test("the header names the columns in order")
    func header() {
        #expect(layout.header == ["customer_number", "name", "email", "value", "cheque_number", "date"])
        #expect(layout.columns.count == layout.header.count)
    }

    @Test("a person's row: name, trimmed address, value with a dot and two decimals")
    func personRow() throws {
        let customer = Customer(number: "1042", firstName: "Anna", lastName: "de Vries", email: "  anna@example.nl ",
                                billingEmail: "billing@example.nl", points: 1_730)
        #expect(try row(customer, sequence: 42) == ["1042", "Anna de Vries", "anna@example.nl", "15.00", "C20261130-00042", "2026-11-30"])
    }

    @Test("a company is addressed by its company name")
    func companyRow() throws {
        let company = Customer(number: "9", firstName: "Jan", company: "Fietsen BV", isCompany: true, email: "info@fietsen.nl", points: 500)
        #expect(try row(company)[1] == "Fietsen BV")
        let unnamed = Customer(number: "10", company: "Loods 5", email: "a@b.nl", points: 500)
        #expect(try row(unnamed)[1] == "Loods 5")
        let onlyLast = Customer(number: "11", lastName: "Jansen", email: "a@b.nl", points: 500)
        #expect(try row(onlyLast)[1] == "Jansen")
        let nobody = Customer(number: "12", email: "a@b.nl", points: 500)
        #expect(try row(nobody)[1] == "")
    }

    @Test("a customer without a main e-mail address is refused, even with a billing address", arguments: [nil, "", "   "])
    func missingEmail(email: String?) throws {
        let customer = Customer(number: "77", email: email, billingEmail: "billing@example.nl", points: 600)
        let award = try #require(rule.cheque(for: customer))
        #expect {
            try layout.row(for: customer, award: award, chequeNumber: .first(on: day), date: day)
        } throws: { error in
            guard let error = error as? ChequeError else { return false }
            return error.code == .missingEmail && error.message.contains("\"77\"")
        }
    }

    @Test("an award for another customer is refused")
    func mismatchedAward() throws {
        let award = try #require(rule.cheque(customerNumber: "1", points: 500))
        #expect {
            try layout.row(for: Customer(number: "2", email: "a@b.nl"), award: award, chequeNumber: .first(on: day), date: day)
        } throws: { error in
            (error as? ChequeError)?.code == .mismatchedAward
        }
    }
}
