import Foundation
import KassaCore

/// The voucher service's file as CSV (SPEC §4, §7): comma-separated, UTF-8 without a byte
/// order mark, CR LF line ends, fields quoted only where needed, and no cell a spreadsheet
/// would run as a formula (a name like `=HYPERLINK(…)` gets a leading `'`; amounts and
/// numbers stay as they are). The columns are `VoucherFileLayout`'s.
public struct CSVVoucherFileEncoder: VoucherFileEncoder {
    /// The encoder of the service's file.
    public init() {}

    public func encode(header: [String], rows: [[String]]) throws -> Data {
        let writer = CSVWriter(options: CSVWriter.Options(delimiter: .comma))
        try writer.write(header)
        for row in rows { try writer.write(row) }
        try writer.finish()
        return writer.data
    }
}
