import Foundation
import KassaCore

/// Reads customers from a CSV file, one at a time: the importer's source.
///
/// The first non-empty row is the header (see `CustomerCSVLayout`); each further row is
/// decoded by `CustomerRowDecoder`. Consecutive rows with the same customer number are one
/// customer with one vehicle per row: their vehicles are collected, and their other cells must
/// agree (a later row may leave them empty). The same number on rows further apart gives two
/// customers with that number; telling the user is the store's job.
///
/// Any error stops the reading; the caller that writes customers should roll back, so that
/// nothing is half-imported.
///
/// ```swift
/// let customers = try CustomerCSVReader(path: "kunder.csv", defaultCountry: "SE")
/// while let customer = try customers.next() { try store.insert(customer) }
/// ```
public final class CustomerCSVReader {
    /// The underlying reader: its `delimiter` and `encoding` tell what was sniffed and detected.
    public let reader: CSVReader
    /// What each column holds.
    public let layout: CustomerCSVLayout
    /// The decoder for the rows.
    public let decoder: CustomerRowDecoder
    /// The line on which the customer last returned by `next()` starts.
    public private(set) var line = 0

    /// The customer being collected from consecutive rows, and the line of its first row.
    private var pending: Customer?
    private var pendingNumber: String?
    private var pendingLine = 0

    /// Opens a customer file.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - delimiter: the separator; `nil` sniffs it.
    ///   - encoding: the encoding; `nil` detects it.
    ///   - mappings: explicit `COLUMN=TARGET` mappings (`--map`).
    ///   - defaultCountry: the shop's country (ISO code), for mobiles without a country code.
    ///   - timeZone: the zone of consent times written without an offset.
    /// - Throws: `CSVError` when the file cannot be read, has no header, or the header cannot be mapped.
    public convenience init(
        path: String,
        delimiter: CSVDelimiter? = nil,
        encoding: CSVEncoding? = nil,
        mappings: [CustomerColumnMapping] = [],
        defaultCountry: String?,
        timeZone: TimeZone = .current
    ) throws {
        try self.init(reader: CSVReader(path: path, delimiter: delimiter, encoding: encoding),
                      mappings: mappings, defaultCountry: defaultCountry, timeZone: timeZone)
    }

    /// Reads customers from CSV bytes in memory; see `init(path:…)`.
    public convenience init(
        data: Data,
        fileName: String = "<data>",
        delimiter: CSVDelimiter? = nil,
        encoding: CSVEncoding? = nil,
        mappings: [CustomerColumnMapping] = [],
        defaultCountry: String?,
        timeZone: TimeZone = .current
    ) throws {
        try self.init(reader: CSVReader(data: data, fileName: fileName, delimiter: delimiter, encoding: encoding),
                      mappings: mappings, defaultCountry: defaultCountry, timeZone: timeZone)
    }

    /// Reads customers through a reader that is positioned before the header row.
    public init(reader: CSVReader, mappings: [CustomerColumnMapping] = [], defaultCountry: String?, timeZone: TimeZone = .current) throws {
        guard try reader.advance() else {
            throw CSVError(.missingHeader, file: reader.fileName, reason: "is empty: a header row is needed (e.g. Kundnr;Förnamn;Efternamn)")
        }
        var header: [String] = []
        for index in 0..<reader.fieldCount { header.append(try reader.field(index)) }
        self.reader = reader
        self.layout = try CustomerCSVLayout(header: header, mappings: mappings, fileName: reader.fileName, headerLine: reader.line)
        self.decoder = CustomerRowDecoder(layout: layout, defaultCountry: defaultCountry, timeZone: timeZone, fileName: reader.fileName)
    }

    /// The next customer, or `nil` at the end of the file.
    ///
    /// - Throws: `CSVError` for the first bad row, naming its line and column.
    public func next() throws -> Customer? {
        while try advance() {
            guard let customer = try decoder.decodeCurrent(of: reader) else { continue }
            if customer.number == pendingNumber {
                try checkAgreement(of: customer, with: &pending!)
                // Mutated in place: copying a Customer would retain every one of its strings.
                pending!.vehicles += customer.vehicles
                for address in customer.contactEmails where !pending!.contactEmails.contains(address) {
                    pending!.contactEmails.append(address)
                }
                for (key, value) in customer.attributes where pending!.attributes[key] == nil {
                    pending!.attributes[key] = value
                }
                continue
            }
            let finished = pending.take()
            let finishedLine = pendingLine
            pendingNumber = customer.number
            pendingLine = reader.line
            pending = consume customer
            // Returned as the optional it is: binding it first would copy the customer.
            if finished != nil {
                line = finishedLine
                return finished
            }
        }
        guard let finished = pending.take() else { return nil }
        pendingNumber = nil
        line = pendingLine
        return finished
    }

    /// The reader's next record; its errors name the column by header.
    private func advance() throws -> Bool {
        do {
            return try reader.advance()
        } catch let error as CSVError {
            throw error.naming(columns: layout.header)
        }
    }

    /// Every remaining customer; for small files and tests.
    public func readAll() throws -> [Customer] {
        var customers: [Customer] = []
        while let customer = try next() { customers.append(customer) }
        return customers
    }

    /// A continuation row may leave customer cells empty or repeat them, not change them.
    /// Values are compared as decoded, so `070-123 45 67` repeats `+46701234567`.
    private func checkAgreement(of row: Customer, with first: inout Customer) throws {
        // `first` is inout only so that it is not copied (a copy retains every string).
        for (index, column) in layout.columns.enumerated() where index < reader.fieldCount && !reader.fieldIsBlank(index) {
            let agrees: Bool
            switch column {
            case .vehicle, .ignored, .field(.contactEmails): continue
            case .field(let field): agrees = row.hasSameValue(field, as: first)
            case .attribute(let key): agrees = row.attributes[key] == first.attributes[key]
            }
            guard !agrees else { continue }
            let (mine, theirs): (String, String)
            switch column {
            case .field(let field): (mine, theirs) = (row.csvText(field), first.csvText(field))
            case .attribute(let key): (mine, theirs) = (row.attributes[key] ?? "", first.attributes[key] ?? "")
            default: continue
            }
            throw CSVError(.conflictingRows, file: reader.fileName, line: reader.line, column: index + 1,
                           columnName: layout.header[index], value: mine,
                           reason: "\(CSVError.quoted(mine)) differs from \(CSVError.quoted(theirs)) on line \(pendingLine), a row of the same customer")
        }
    }
}
