import KassaCore

/// The JSON text of a customer's list-valued columns (`contact_emails`, `vehicles`,
/// `cards`, `attributes`; see the schema), written by hand straight into a row's buffer.
///
/// A million customers go through here in one import: bytes appended to the row's reused
/// buffer, with a byte-level escape check, cost a fraction of what `JSONEncoder` does per
/// value. An empty list is NULL in the row, which `json_each` reads as no elements.
enum StoredJSON {
    /// `["a@b.example", …]`, blank addresses left out.
    static func appendContactEmails(_ emails: [String], to row: inout SQLiteRowValues) {
        var first = true
        for email in emails {
            guard let email = SQLiteCustomerWriter.text(email) else { continue }
            if first {
                row.beginText()
                row.appendByte(UInt8(ascii: "["))
                first = false
            } else {
                row.appendByte(UInt8(ascii: ","))
            }
            appendString(email, to: &row)
        }
        guard !first else { return row.appendNull() }
        row.appendByte(UInt8(ascii: "]"))
        row.endText()
    }

    /// `[[type, brand, brand_key, model, plate], …]`: one array per vehicle, its fields
    /// by position (`null` when absent or blank); `brand_key` is the brand's folded key for
    /// case-insensitive criteria. Arrays rather than objects: the member names of objects
    /// were a quarter of a demo register's bytes, and every byte is written twice (WAL,
    /// then the checkpoint).
    static func appendVehicles(_ vehicles: [Vehicle], to row: inout SQLiteRowValues) {
        guard !vehicles.isEmpty else { return row.appendNull() }
        row.beginText()
        row.appendByte(UInt8(ascii: "["))
        for index in vehicles.indices {
            row.appendBytes(of: index == 0 ? "[" : ",[")
            element(SQLiteCustomerWriter.text(vehicles[index].type), to: &row)
            row.appendByte(UInt8(ascii: ","))
            let brand = SQLiteCustomerWriter.text(vehicles[index].brand)
            element(brand, to: &row)
            row.appendByte(UInt8(ascii: ","))
            element(brand.map(Customer.foldedKey), to: &row)
            row.appendByte(UInt8(ascii: ","))
            element(SQLiteCustomerWriter.text(vehicles[index].model), to: &row)
            row.appendByte(UInt8(ascii: ","))
            element(SQLiteCustomerWriter.text(vehicles[index].plate), to: &row)
            row.appendByte(UInt8(ascii: "]"))
        }
        row.appendByte(UInt8(ascii: "]"))
        row.endText()
    }

    /// The positions of a vehicle's fields in its array, for SQL (`v.value ->> 2`).
    enum VehicleIndex: Int {
        case type = 0, brand, brandKey, model, plate
    }

    /// `[{"number":…,"template":…,"valid_until":"YYYY-MM-DD","status":…,"ordered_on":"YYYY-MM-DD",
    /// "dispatch_on":"YYYY-MM-DD","cost":"4.90","programmes":[…]}, …]`; absent parts are left
    /// out, so a card without order details is stored exactly as before they existed.
    static func appendCards(_ cards: [CustomerCard], to row: inout SQLiteRowValues) {
        guard !cards.isEmpty else { return row.appendNull() }
        row.beginText()
        row.appendByte(UInt8(ascii: "["))
        for index in cards.indices {
            if index > 0 { row.appendByte(UInt8(ascii: ",")) }
            var first = true
            row.appendByte(UInt8(ascii: "{"))
            member("number", cards[index].number, first: &first, to: &row)
            member("template", SQLiteCustomerWriter.text(cards[index].template), first: &first, to: &row)
            member("valid_until", cards[index].validUntil?.isoText, first: &first, to: &row)
            member("status", cards[index].status, first: &first, to: &row)
            member("ordered_on", cards[index].orderedOn?.isoText, first: &first, to: &row)
            member("dispatch_on", cards[index].dispatchOn?.isoText, first: &first, to: &row)
            member("cost", cards[index].cost?.description, first: &first, to: &row)
            if !cards[index].programmes.isEmpty {
                row.appendBytes(of: ",\"programmes\":")
                appendProgrammes(cards[index].programmes, to: &row)
            }
            row.appendByte(UInt8(ascii: "}"))
        }
        row.appendByte(UInt8(ascii: "]"))
        row.endText()
    }

    /// `[{"kind":…,"name":…,"details":…,"article":…,"percent":10,"amount":"5.00"}, …]`, the
    /// JSON form `LoyaltyProgramme` reads back, parts its kind does not use left out.
    private static func appendProgrammes(_ programmes: [LoyaltyProgramme], to row: inout SQLiteRowValues) {
        row.appendByte(UInt8(ascii: "["))
        for index in programmes.indices {
            if index > 0 { row.appendByte(UInt8(ascii: ",")) }
            let programme = programmes[index]
            var first = true
            row.appendByte(UInt8(ascii: "{"))
            member("kind", programme.kind.rawValue, first: &first, to: &row)
            member("name", programme.name, first: &first, to: &row)
            member("details", programme.details, first: &first, to: &row)
            member("article", programme.article, first: &first, to: &row)
            if let percent = programme.percent { row.appendBytes(of: ",\"percent\":\(percent)") }
            member("amount", programme.amount?.description, first: &first, to: &row)
            row.appendByte(UInt8(ascii: "}"))
        }
        row.appendByte(UInt8(ascii: "]"))
    }

    /// The JSON text of `cards` as the `cards` column holds it, or `nil` for none.
    static func cardsText(_ cards: [CustomerCard]) -> String? {
        var row = SQLiteRowValues(capacity: 256)
        appendCards(cards, to: &row)
        guard case .text(let start, let count)? = row.values.first else { return nil }
        return String(decoding: row.bytes[start..<(start + count)], as: UTF8.self)
    }

    /// `{"key":"value", …}` in key order, so equal attributes are equal text.
    static func appendAttributes(_ attributes: [String: String], to row: inout SQLiteRowValues) {
        guard !attributes.isEmpty else { return row.appendNull() }
        row.beginText()
        row.appendByte(UInt8(ascii: "{"))
        var first = true
        if attributes.count == 1, let (key, value) = attributes.first {
            member(key, value, first: &first, to: &row)
        } else {
            for key in attributes.keys.sorted() { member(key, attributes[key], first: &first, to: &row) }
        }
        row.appendByte(UInt8(ascii: "}"))
        row.endText()
    }

    /// Appends `"name":"value"` to an object, after a comma unless it is the first
    /// member; an absent value adds nothing.
    private static func member(_ name: String, _ value: String?, first: inout Bool, to row: inout SQLiteRowValues) {
        guard let value else { return }
        if !first { row.appendByte(UInt8(ascii: ",")) }
        first = false
        appendString(name, to: &row)
        row.appendByte(UInt8(ascii: ":"))
        appendString(value, to: &row)
    }

    /// `value` as a JSON string, quoted and escaped exactly as the stored columns have it.
    static func encodedString(_ value: String) -> String {
        var row = SQLiteRowValues(capacity: value.utf8.count + 2)
        appendString(value, to: &row)
        return String(decoding: row.bytes, as: UTF8.self)
    }

    /// Appends an array element: the string, or `null`.
    private static func element(_ value: String?, to row: inout SQLiteRowValues) {
        if let value { appendString(value, to: &row) } else { row.appendBytes(of: "null") }
    }

    /// Appends `value` as a JSON string: quoted, with `"`, `\` and control characters
    /// escaped; everything else, non-ASCII included, as UTF-8 (JSON text is UTF-8).
    static func appendString(_ value: String, to row: inout SQLiteRowValues) {
        row.appendByte(UInt8(ascii: "\""))
        let utf8 = value.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            row.appendBytes(of: value)
        } else {
            for byte in utf8 {
                switch byte {
                case 0x22: row.appendBytes(of: "\\\"")
                case 0x5C: row.appendBytes(of: "\\\\")
                case 0x0A: row.appendBytes(of: "\\n")
                case 0x0D: row.appendBytes(of: "\\r")
                case 0x09: row.appendBytes(of: "\\t")
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    row.appendBytes(of: "\\u00")
                    row.appendByte(hex[Int(byte >> 4)])
                    row.appendByte(hex[Int(byte & 0xF)])
                default: row.appendByte(byte)
                }
            }
        }
        row.appendByte(UInt8(ascii: "\""))
    }
}
