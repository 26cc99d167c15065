import Foundation

/// An amount of the shop's currency, held as a whole number of minor units (cents, öre).
///
/// Cheque values and card costs are added up and multiplied; `Double` would turn 0.10 + 0.20
/// into 0.30000000000000004 and a voucher file would show it. Every currency Kassa's shops
/// use (SEK, EUR, CHF, GBP) has two decimals, so the minor unit is always a hundredth.
///
/// Written and read as text with a dot and exactly two decimals (`"5.00"`, `"-1.50"`), also
/// in JSON, so no reader turns it into a binary fraction on the way.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in hundredths of the currency unit: 490 is 4.90.
    public var minorUnits: Int

    /// An amount of `minorUnits` hundredths.
    public init(minorUnits: Int) {
        self.minorUnits = minorUnits
    }

    /// Nothing.
    public static let zero = Money(minorUnits: 0)

    /// The amount a configuration number stands for; `nil` when it is not finite, too large,
    /// or has more than two decimals (4.905).
    ///
    /// TOML gives amounts as binary floating point: 4.90 arrives as 4.9000000000000004, so
    /// "two decimals" means within a millionth of a cent of a whole cent.
    public init?(exactly amount: Double) {
        guard amount.isFinite else { return nil }
        let scaled = amount * 100
        let cents = scaled.rounded()
        // Beyond 2^53 a Double no longer holds every whole number, so cents cannot be exact.
        guard abs(cents) < 9_007_199_254_740_992, abs(scaled - cents) <= 1e-6 else { return nil }
        self.init(minorUnits: Int(cents))
    }

    /// Parses `5`, `5.0`, `5.00`, `-1.50`, `.5`; `nil` for anything else (a comma, a third
    /// decimal, a sign alone, an amount that does not fit).
    public init?(_ text: some StringProtocol) {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), fraction.count <= 2, parts.count == 1 || !fraction.isEmpty,
              whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        let units = whole.isEmpty ? 0 : Int(whole)
        let cents = Int(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))
        guard let units, let cents else { return nil }
        let (scaled, overflowA) = units.multipliedReportingOverflow(by: 100)
        let (total, overflowB) = scaled.addingReportingOverflow(cents)
        guard !overflowA, !overflowB else { return nil }
        self.init(minorUnits: negative ? -total : total)
    }

    /// `5.00`, `-1.50`: a dot and two decimals, as the voucher service and order files want.
    public var description: String {
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return "\(minorUnits < 0 ? "-" : "")\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The sum; `nil` when it does not fit.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        return overflow ? nil : Money(minorUnits: sum)
    }

    /// The amount `count` times; `nil` when it does not fit.
    public func multiplied(by count: Int) -> Money? {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: count)
        return overflow ? nil : Money(minorUnits: product)
    }

    /// Smaller amounts first.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.minorUnits < rhs.minorUnits
    }

    /// Reads `"4.90"`; a JSON number (`4.9`) is accepted too when it has at most two
    /// decimals, read through `Decimal` so no binary fraction creeps in.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let money = Money(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(text)\" is not an amount with at most two decimals")
            }
            self = money
            return
        }
        let number = try container.decode(Decimal.self)
        var scaled = number * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, let money = Money(NSDecimalNumber(decimal: number).stringValue) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(number) is not an amount with at most two decimals")
        }
        self = money
    }

    /// Writes `"4.90"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    /// `0`–`9` only: `isNumber` would also take "٣" and "½".
    fileprivate var isASCIIDigit: Bool {
        ("0"..."9").contains(self)
    }
}
