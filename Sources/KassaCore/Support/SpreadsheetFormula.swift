/// Cells a spreadsheet would run as a formula, and how Kassa defuses them in every CSV it
/// writes: customer exports and lists (KassaCSV's `CSVWriter`), voucher files, card orders.
///
/// A CSV cell such as `=HYPERLINK("http://…","Klicka")` that came from a customer's name or
/// an order comment would otherwise run when someone opens the file (OWASP's "CSV
/// injection").
public enum SpreadsheetFormula {
    /// The first bytes that make a spreadsheet read a cell as a formula (OWASP's list).
    public static let triggers: Set<UInt8> = Set("=+-@\t\r".utf8)

    /// `cell`, defused if a spreadsheet would run it as a formula.
    ///
    /// A cell whose first character other than spaces is `=`, `+`, `-`, `@`, tab or CR gets a
    /// leading `'`, which spreadsheets show as text, as OWASP's CSV injection advice says.
    /// One exception: a plain number (`-12`, `+46701234567`, `-1.5`: an optional sign, digits,
    /// at most one `.` or `,` between digits) is left alone. Such a cell cannot call a function
    /// or reach another cell, and prefixing it would mangle every negative point balance and
    /// every E.164 mobile number in an export. Kassa's importer drops the `'` again.
    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.utf8.first(where: { $0 != UInt8(ascii: " ") }), triggers.contains(first) else {
            return cell
        }
        return isPlainNumber(cell) ? cell : "'" + cell
    }

    private static func isPlainNumber(_ cell: String) -> Bool {
        var bytes = cell.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digitsBefore = 0, digitsAfter = 0, separators = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if separators == 0 { digitsBefore += 1 } else { digitsAfter += 1 }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                separators += 1
                if separators > 1 || digitsBefore == 0 { return false }
            default:
                return false
            }
        }
        return digitsBefore > 0 && (separators == 0 || digitsAfter > 0)
    }
}
