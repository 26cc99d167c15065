import Foundation

/// A value the caller hands to a render through `RenderContext.values`, typed so that it is
/// formatted the way the shop's language writes it.
public enum TemplateValue: Sendable, Hashable {
    /// Text, inserted as it is (HTML-escaped in an HTML template).
    case text(String)
    /// A whole number, written without grouping (`1234`).
    case integer(Int)
    /// A day, written in the shop's date style (`2026-11-23`, `23-11-2026`, `23.11.2026`…).
    case date(CalendarDate)
    /// An amount of money in minor units (öre, cents): `123450` is written `1 234,50` in Swedish.
    /// Minor units keep amounts exact; see `amount(_:)` for `Decimal` and `Double`.
    case amount(minorUnits: Int)

    /// An amount given in major units (kronor, euros), rounded half away from zero to two decimals.
    public static func amount(_ value: Decimal) -> TemplateValue {
        var scaled = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return .amount(minorUnits: NSDecimalNumber(decimal: rounded).intValue)
    }

    /// An amount given in major units as a `Double` (as `[cheques] cheque_value` is), rounded
    /// half away from zero to two decimals. Prefer `Decimal` or minor units for exact sums.
    /// A value that is not finite, or too large to count in minor units, becomes `.text` of
    /// the number as Swift writes it, so that a bad figure shows instead of stopping a mailing.
    // Disfavoured, so that a literal (`.amount(5)`, `.amount(4.90)`) picks `Decimal` instead
    // of being ambiguous.
    @_disfavoredOverload
    public static func amount(_ value: Double) -> TemplateValue {
        let minorUnits = (value * 100).rounded(.toNearestOrAwayFromZero)
        guard let exact = Int(exactly: minorUnits) else { return .text(String(value)) }
        return .amount(minorUnits: exact)
    }
}
