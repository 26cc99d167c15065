import Foundation
import KassaCore

/// Turns one row of a customer file into a `Customer`, checking every value against its column's type.
///
/// Values are trimmed. An empty cell leaves its field empty (`nil`, `false`, 0, no vehicle
/// detail); a row whose cells are all empty (what spreadsheets leave as `;;;;`) is skipped.
/// A cell that starts with `'` before `=`, `+`, `-`, `@`, tab or CR loses the `'`: that is how
/// Kassa's own exports protect such cells from spreadsheets (see `CSVWriter`).
///
/// Types:
/// - points: a whole number, see `WholeNumber` (`1 234`, `1.234`, `12,00` accepted; `1,5` not);
/// - yes/no: ja/nej, ja/nee, oui/non, ja/nein, yes/no, true/false, 1/0, x, ✓ (an empty cell is no);
/// - dates: `YYYY-MM-DD` or day-first `DD-MM-YYYY`, `DD.MM.YYYY`, `DD/MM/YYYY` (see `DateText`);
/// - e-mail: `EmailAddress.isValid`; several contact addresses in one cell are separated by
///   `,`, `;` or spaces;
/// - mobile: to E.164 with `MobileNumber`, read in the row's country if it has one, else in
///   `defaultCountry` (the shop's);
/// - country: an ISO code or a country's name, stored as the upper-case ISO code.
///
/// An error names the file, the line, the column's header and the value:
/// `customers.csv:17: column "Poäng": "12a" is not a whole number`.
public struct CustomerRowDecoder: Sendable {
    /// What each column holds.
    public let layout: CustomerCSVLayout
    /// The ISO code of the country a mobile number without country code is read in, when the
    /// row has no country of its own.
    public var defaultCountry: String?
    /// The zone of `newsletter_at` times written without an offset.
    public var timeZone: TimeZone
    /// For error messages.
    public let fileName: String
    /// How many columns hold attributes.
    let attributeColumns: Int

    /// A decoder for rows laid out as `layout`.
    public init(layout: CustomerCSVLayout, defaultCountry: String?, timeZone: TimeZone = .current, fileName: String = "<data>") {
        self.layout = layout
        self.defaultCountry = defaultCountry?.uppercased()
        self.timeZone = timeZone
        self.fileName = fileName
        attributeColumns = layout.columns.count { if case .attribute = $0 { true } else { false } }
    }

    /// The customer of `record`, or `nil` when every cell is empty.
    ///
    /// - Throws: `CSVError`: `wrong_field_count` for a short row (or a long one with non-empty
    ///   extra cells), `invalid_value` for a value of the wrong type or an empty customer number.
    public func decode(_ record: CSVRecord) throws -> Customer? {
        try decode(RecordRow(record: record))
    }

    /// The customer of the current record of `reader`, or `nil` when every cell is empty.
    func decodeCurrent(of reader: CSVReader) throws -> Customer? {
        do {
            return try decode(ReaderRow(reader: reader))
        } catch let error as CSVError {
            throw error.naming(columns: layout.header)
        }
    }

    func decode(_ row: some CustomerRowSource) throws -> Customer? {
        let columns = layout.columns
        let line = row.line, count = row.count
        if (0..<count).allSatisfy({ row.isBlank($0) }) { return nil }
        if count < columns.count {
            throw CSVError(.wrongFieldCount, file: fileName, line: line,
                           reason: "the row has \(count) fields but the header has \(columns.count); a separator or a quote is probably missing")
        }
        if count > columns.count, let extra = (columns.count..<count).first(where: { !row.isBlank($0) }) {
            throw CSVError(.wrongFieldCount, file: fileName, line: line, column: extra + 1,
                           reason: "the row has \(count) fields but the header has \(columns.count); a value has no column")
        }

        var customer = Customer(number: "")
        var vehicle = Vehicle()
        var mobile: (index: Int, text: String)?

        for (index, column) in columns.enumerated() {
            if case .ignored = column { continue }
            let value = try row.cleanedText(index)
            func invalid(_ reason: String) -> CSVError {
                CSVError(.invalidValue, file: fileName, line: line, column: index + 1, columnName: layout.header[index],
                         value: value, reason: "\(CSVError.quoted(value)) \(reason)")
            }
            let optional: String? = value.isEmpty ? nil : value

            switch column {
            case .ignored:
                break
            case .attribute(let key):
                guard let optional else { continue }
                // Room for every attribute column at once: growing the dictionary one
                // attribute at a time rehashed it for most customers of a file.
                if customer.attributes.isEmpty { customer.attributes.reserveCapacity(attributeColumns) }
                customer.attributes[key] = optional
            case .vehicle(let detail):
                switch detail {
                case .type: vehicle.type = optional
                case .brand: vehicle.brand = optional
                case .model: vehicle.model = optional
                case .plate: vehicle.plate = optional
                }
            case .field(let field):
                switch field {
                case .number:
                    guard let optional else {
                        throw CSVError(.invalidValue, file: fileName, line: line, column: index + 1,
                                       columnName: layout.header[index], value: value, reason: "the customer number is empty")
                    }
                    // It ends up in HTTP headers (an SMS's idempotency key) and file names,
                    // where a line break is refused far from here, or splits the header.
                    if Self.hasControlCharacter(optional) {
                        throw invalid("holds a control character (such as a line break or a tab), which a customer number may not hold")
                    }
                    customer.number = optional
                case .firstName: customer.firstName = optional
                case .lastName: customer.lastName = optional
                case .company: customer.company = optional
                case .street: customer.street = optional
                case .postalCode: customer.postalCode = optional
                case .city: customer.city = optional
                case .family: customer.family = optional
                case .type: customer.type = optional
                case .category: customer.category = optional
                case .turnoverGroup: customer.turnoverGroup = optional
                case .isCompany, .newsletter, .receivesStatusMails:
                    guard let flag = YesNo.parse(value) else {
                        throw invalid("is not yes or no (ja/nej, ja/nee, oui/non, ja/nein, yes/no, 1/0, x)")
                    }
                    switch field {
                    case .isCompany: customer.isCompany = flag
                    case .newsletter: customer.newsletter = flag
                    default: customer.receivesStatusMails = flag
                    }
                case .email, .billingEmail:
                    guard let optional else { continue }
                    guard EmailAddress.isValid(optional) else { throw invalid("is not an e-mail address") }
                    if field == .email { customer.email = optional } else { customer.billingEmail = optional }
                case .contactEmails:
                    for address in optional.map(Self.addresses) ?? [] {
                        guard EmailAddress.isValid(address) else {
                            throw invalid("holds \(CSVError.quoted(address)), which is not an e-mail address")
                        }
                        customer.contactEmails.append(address)
                    }
                case .mobile:
                    if let optional { mobile = (index, optional) }
                case .country:
                    guard let optional else { continue }
                    guard let code = CountryCode.parse(optional) else {
                        throw invalid("is not a country (an ISO code such as SE, NL, FR, DE, or a country's name)")
                    }
                    customer.country = code
                case .points:
                    guard let optional else { continue }
                    guard let points = WholeNumber.parse(optional) else { throw invalid("is not a whole number") }
                    customer.points = points
                case .newsletterAt:
                    guard let optional else { continue }
                    switch DateText.instant(optional, timeZone: timeZone) {
                    case .success(let date): customer.newsletterAt = date
                    case .failure(let failure): throw invalid(Self.explain(failure, allowsTime: true))
                    }
                case .lastVisit:
                    guard let optional else { continue }
                    switch DateText.calendarDate(optional) {
                    case .success(let date): customer.lastVisit = date
                    case .failure(let failure): throw invalid(Self.explain(failure, allowsTime: false))
                    }
                }
            }
        }

        if let mobile {
            // The customer's own country reads a national number best; the shop's is the fallback.
            let country = customer.country ?? defaultCountry
            switch MobileNumber.e164(mobile.text, defaultCountry: country) {
            case .success(let number):
                customer.mobile = number
            case .failure(let failure):
                let reason = switch failure {
                case .notANumber: "is not a phone number"
                case .wrongLength: "has too few or too many digits for a mobile number" + (mobile.text.hasPrefix("+") || mobile.text.hasPrefix("00") ? "" : " in \(country ?? "?")")
                case .noCountry: country == nil
                    ? "has no country code (+46…) and no country is set to read it in"
                    : "has no country code (+46…) and Kassa does not know the numbering of \(country!)"
                }
                throw CSVError(.invalidValue, file: fileName, line: line, column: mobile.index + 1,
                               columnName: layout.header[mobile.index], value: mobile.text,
                               reason: "\(CSVError.quoted(mobile.text)) \(reason)")
            }
        }
        if vehicle != Vehicle() { customer.vehicles.append(vehicle) }
        return customer
    }

    /// Whether `text` holds a C0 control character, DEL or a C1 control character (U+0080
    /// to U+009F, `C2 80`…`C2 9F` in UTF-8).
    static func hasControlCharacter(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte < 0xA0) { return true }
            previous = byte
        }
        return false
    }

    /// A cell's text trimmed, without the `'` that protects it from spreadsheets.
    static func cleaned(_ text: String) -> String {
        var text = text.trimmingWhitespace()
        if text.utf8.first == UInt8(ascii: "'"),
           let next = text.utf8.dropFirst().first(where: { $0 != UInt8(ascii: " ") }),
           CSVWriter.formulaTriggers.contains(next) {
            text.removeFirst()
            text = text.trimmingWhitespace()
        }
        return text
    }

    private static func explain(_ failure: DateText.Failure, allowsTime: Bool) -> String {
        let forms = "YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY" + (allowsTime ? ", optionally with a time" : "")
        switch failure {
        case .notADate: return "is not a date (\(forms))"
        case .monthFirst: return "is not a date: dates are read day first (\(forms)), and there is no month above 12"
        case .twoDigitYear: return "has a two-digit year; write the year in full (\(forms))"
        }
    }

    /// The addresses in a list separated by commas, semicolons or white space. ASCII text
    /// is split by bytes: splitting by Character (grapheme clusters, Unicode properties)
    /// cost a tenth of reading a whole customer file.
    static func addresses(in list: String) -> [String] {
        guard list.utf8.allSatisfy({ $0 < 0x80 }) else {
            return list.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        }
        return list.utf8.split(whereSeparator: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == 0x20 || (0x09...0x0D).contains($0) })
            .map { String(Substring($0)) }
    }
}
