import Foundation

/// The rows and columns of the file for the voucher mailing service: one row per customer,
/// one cheque per row (SPEC §4).
///
/// Columns, in order, under these headers:
/// - `customer_number`: the shop's customer number.
/// - `name`: how the e-mail addresses the customer: the company name for a company,
///   otherwise first and last name; the company name when a person has neither; empty
///   when nothing is known.
/// - `email`: the customer's main e-mail address, trimmed. Never the billing address, which
///   is for invoices; a customer without a main address is refused, since the service
///   could not deliver the cheque.
/// - `value`: the cheque's value with a dot and two decimals, `15.00`, no currency sign.
/// - `cheque_number`: the `ChequeNumber`, `C20261130-00042`.
/// - `date`: the issue date, `YYYY-MM-DD`.
///
/// The layout gives the fields as text; a CSV writer quotes them and picks the delimiter.
public struct VoucherFileLayout: Sendable, Hashable {
    /// One column of the file.
    public enum Column: String, Sendable, Hashable, CaseIterable {
        /// `customer_number`: the shop's customer number.
        case customerNumber = "customer_number"
        /// `name`: the name the e-mail greets.
        case name
        /// `email`: the customer's main e-mail address.
        case email
        /// `value`: the cheque's value, `15.00`.
        case value
        /// `cheque_number`: `C20261130-00042`.
        case chequeNumber = "cheque_number"
        /// `date`: the issue date, `YYYY-MM-DD`.
        case date
    }

    /// The layout of the service's file.
    public init() {}

    /// The columns, in file order.
    public var columns: [Column] { Column.allCases }

    /// The header row.
    public var header: [String] { columns.map(\.rawValue) }

    /// The row of one cheque, in `columns` order.
    ///
    /// - Throws: `ChequeError` `missing_email` when the customer has no main e-mail address,
    ///   `mismatched_award` when `award` was worked out for another customer.
    public func row(for customer: Customer, award: ChequeAward, chequeNumber: ChequeNumber,
                    date: CalendarDate) throws(ChequeError) -> [String] {
        guard award.customerNumber == customer.number else {
            throw ChequeError(.mismatchedAward,
                              "The cheque for customer \(ChequeError.quoted(award.customerNumber)) cannot go on the row of customer \(ChequeError.quoted(customer.number))")
        }
        guard let email = Self.trimmed(customer.email) else {
            throw ChequeError(.missingEmail,
                              "Customer \(ChequeError.quoted(customer.number)) has no e-mail address, so the voucher service cannot send the cheque; pay it out by post")
        }
        return columns.map { column in
            switch column {
            case .customerNumber: customer.number
            case .name: Self.addressName(of: customer)
            case .email: email
            case .value: award.value.description
            case .chequeNumber: chequeNumber.description
            case .date: date.description
            }
        }
    }

    /// The row of a recorded cheque, in `columns` order: the row it got when it was issued,
    /// so a file written again from the records is the same file.
    public func row(for cheque: IssuedCheque) -> [String] {
        columns.map { column in
            switch column {
            case .customerNumber: cheque.customerNumber
            case .name: cheque.name
            case .email: cheque.email
            case .value: cheque.value.description
            case .chequeNumber: cheque.number.description
            case .date: cheque.issuedOn.description
            }
        }
    }

    /// The name the e-mail greets: company for companies, else the person, else whatever is known.
    package static func addressName(of customer: Customer) -> String {
        let company = trimmed(customer.company)
        if customer.isCompany, let company { return company }
        let person = [trimmed(customer.firstName), trimmed(customer.lastName)].compactMap { $0 }.joined(separator: " ")
        return person.isEmpty ? company ?? "" : person
    }

    /// `text` without white space at either end; `nil` when nothing is left.
    package static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
