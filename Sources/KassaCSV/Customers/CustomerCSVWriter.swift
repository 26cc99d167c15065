import Foundation
import KassaCore

/// Writes customers as CSV: a header row of field names, then one row per customer, or one row
/// per vehicle for a customer with several (the customer's fields repeated), which is the layout
/// `CustomerCSVReader` merges back.
///
/// Columns: every `Customer.Field` (its snake_case name as header), then `vehicle_type`,
/// `vehicle_brand`, `vehicle_model`, `vehicle_plate`, then one `attrs.KEY` column per
/// attribute key asked for. Yes/no fields are `yes`/`no`, `newsletter_at` is UTC ISO 8601
/// (`2026-03-01T09:30:00Z`), `last_visit` is `YYYY-MM-DD`, contact e-mails are joined with
/// `, `. Customer cards are not exported (they have their own listing).
public final class CustomerCSVWriter {
    /// The columns written, in order.
    public let columns: [CustomerColumn]
    private let writer: CSVWriter

    /// Starts an export on `writer` and writes the header row.
    ///
    /// - Parameter attributeKeys: the custom attributes to export, one column each, in this order.
    public init(writer: CSVWriter, attributeKeys: [String] = []) throws {
        self.writer = writer
        self.columns = Customer.Field.allCases.map(CustomerColumn.field)
            + CustomerColumn.VehicleField.allCases.map(CustomerColumn.vehicle)
            + attributeKeys.map(CustomerColumn.attribute)
        try writer.write(columns.map(\.description))
    }

    /// Writes the rows of one customer.
    ///
    /// - Throws: `CSVError` (`invalid_value`) naming the customer number and the field when a
    ///   value has a character the file's encoding cannot hold.
    public func write(_ customer: Customer) throws {
        do {
            try writeRows(customer)
        } catch let error as CSVError where error.code == .invalidValue && error.column != nil {
            let field = error.column.map { columns[$0 - 1].description } ?? "?"
            // The field is named in the reason, with the customer, so the place says it once.
            throw CSVError(.invalidValue, file: error.file, value: error.value,
                           reason: "customer \(customer.number), field \(field): \(error.reason)")
        }
    }

    private func writeRows(_ customer: Customer) throws {
        let vehicles: [Vehicle?] = customer.vehicles.isEmpty ? [nil] : customer.vehicles
        for vehicle in vehicles {
            try writer.write(columns.map { column -> String in
                switch column {
                case .field(let field): customer.csvText(field)
                case .vehicle(.type): vehicle?.type ?? ""
                case .vehicle(.brand): vehicle?.brand ?? ""
                case .vehicle(.model): vehicle?.model ?? ""
                case .vehicle(.plate): vehicle?.plate ?? ""
                case .attribute(let key): customer.attributes[key] ?? ""
                case .ignored: ""
                }
            })
        }
    }

    /// The CSV of `customers`, with a column for every attribute key any of them has (sorted).
    public static func data(for customers: [Customer], options: CSVWriter.Options = CSVWriter.Options()) throws -> Data {
        let writer = CSVWriter(options: options)
        try write(customers, to: writer)
        return writer.data
    }

    /// Writes `customers` to the file at `path`, with a column for every attribute key any of them has.
    public static func write(_ customers: [Customer], toFile path: String, options: CSVWriter.Options = CSVWriter.Options()) throws {
        try write(customers, to: CSVWriter(path: path, options: options))
    }

    private static func write(_ customers: [Customer], to writer: CSVWriter) throws {
        let keys = Set(customers.flatMap(\.attributes.keys)).sorted()
        let export = try CustomerCSVWriter(writer: writer, attributeKeys: keys)
        for customer in customers { try export.write(customer) }
        try writer.finish()
    }
}
