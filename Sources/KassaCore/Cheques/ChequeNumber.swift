import Foundation

/// The number printed on a value cheque: `C`, the issue date, a dash and a sequence number
/// of at least five digits, `C20261130-00042`.
///
/// Unique by construction: the date part separates runs on different days, and within a
/// day the issuer continues after the highest number already issued that day
/// (`ChequeNumber.numbers(count:on:after:)` with the stored maximum). Five digits keep the
/// numbers of one day in order as text; a day with more than 99,999 cheques gets wider
/// numbers, still unique, since the sequence is written without a cap.
///
/// Stored and sent as its text.
public struct ChequeNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The day the cheque was issued.
    public let date: CalendarDate
    /// The cheque's place among that day's cheques, from 1.
    public let sequence: Int

    /// A number from its parts; `nil` when `sequence` is below 1.
    public init?(date: CalendarDate, sequence: Int) {
        guard sequence >= 1 else { return nil }
        self.date = date
        self.sequence = sequence
    }

    /// Parses `C20261130-00042`; `nil` for anything that `description` would not write
    /// (other widths, leading zeros beyond five digits, a day that does not exist).
    public init?(_ text: some StringProtocol) {
        let text = String(text)
        let characters = Array(text)
        guard characters.count >= 15, characters[0] == "C", characters[9] == "-" else { return nil }
        let digits = String(characters[1...8])
        guard digits.allSatisfy({ ("0"..."9").contains($0) }),
              let date = CalendarDate("\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"),
              characters[10...].allSatisfy({ ("0"..."9").contains($0) }),
              let sequence = Int(String(characters[10...])),
              let number = ChequeNumber(date: date, sequence: sequence),
              number.description == text else { return nil }
        self = number
    }

    /// The first number of `date`.
    public static func first(on date: CalendarDate) -> ChequeNumber {
        ChequeNumber(date: date, sequence: 1)!
    }

    /// `count` consecutive numbers for a run on `date`, after `last`, the highest number
    /// already issued (any day; only one of the same day matters).
    ///
    /// The caller reads `last` from the store in the same transaction that records the
    /// cheques, so two runs cannot hand out the same number.
    public static func numbers(count: Int, on date: CalendarDate, after last: ChequeNumber?) -> [ChequeNumber] {
        let start = last.flatMap { $0.date == date ? $0.sequence + 1 : nil } ?? 1
        return (0..<max(0, count)).map { ChequeNumber(date: date, sequence: start + $0)! }
    }

    /// The number after this one, the same day.
    public var next: ChequeNumber {
        ChequeNumber(date: date, sequence: sequence + 1)!
    }

    /// `C20261130-00042`.
    public var description: String {
        let day = date.description.replacingOccurrences(of: "-", with: "")
        let digits = String(sequence)
        return "C\(day)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }

    /// By date, then by sequence: the order they were issued in.
    public static func < (lhs: ChequeNumber, rhs: ChequeNumber) -> Bool {
        (lhs.date, lhs.sequence) < (rhs.date, rhs.sequence)
    }

    /// Reads the text form, `"C20261130-00042"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let number = ChequeNumber(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a cheque number like C20261130-00042")
        }
        self = number
    }

    /// Writes the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
