import Foundation

/// Turns the rows of the voucher file into its bytes: the CSV dialect is the encoder's
/// business (KassaCSV's `CSVVoucherFileEncoder` quotes, defuses formulas and ends lines
/// with CR LF), the rows are `VoucherFileLayout`'s.
///
/// An encoder must be deterministic: the same rows give the same bytes, because a batch
/// left pending is completed by encoding its recorded cheques again.
public protocol VoucherFileEncoder: Sendable {
    /// The whole file: `header`, then every row, in order.
    func encode(header: [String], rows: [[String]]) throws -> Data
}
