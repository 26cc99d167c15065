import Foundation

/// How loyalty points become value cheques (`[cheques]`, SPEC §4).
///
/// Every `points_per_cheque` points are worth one standard cheque of `cheque_value`. A
/// customer whose points are worth several standard cheques gets **one** cheque with their
/// summed value (one e-mail per customer, so the shop's address is not taken for spam);
/// the points that do not make a whole cheque stay on the customer.
///
/// A cheque is paid in the shop's currency, so with a `country` only customers of that
/// country (or without one recorded) get one: a customer abroad would get a cheque in a
/// currency their shop does not take.
public struct ChequeRule: Sendable, Hashable {
    /// Points that make one standard cheque, at least 1.
    public let pointsPerCheque: Int
    /// What one standard cheque is worth, above 0.
    public let chequeValue: Money
    /// The ISO code of the currency cheques are paid in (`[shop] currency`); `nil` for a
    /// rule built in code without one.
    public var currency: String?
    /// The only country whose customers get cheques (`[shop] country`); `nil` for none.
    public var country: String?

    /// A rule from its parts.
    ///
    /// - Throws: `ChequeError` `invalid_points_per_cheque` below 1, `invalid_cheque_value`
    ///   at or below 0.
    public init(pointsPerCheque: Int, chequeValue: Money) throws(ChequeError) {
        guard pointsPerCheque >= 1 else {
            throw ChequeError(.invalidPointsPerCheque,
                              "[cheques] points_per_cheque must be a whole number of at least 1, not \(pointsPerCheque)")
        }
        guard chequeValue > .zero else {
            throw ChequeError(.invalidChequeValue,
                              "[cheques] cheque_value must be an amount above 0, not \(chequeValue)")
        }
        self.pointsPerCheque = pointsPerCheque
        self.chequeValue = chequeValue
    }

    /// The rule of the configuration.
    ///
    /// The configuration loader already refuses bad values; settings built in code get the
    /// same checks here, because a zero would divide by zero and a negative value pay out debt.
    ///
    /// - Throws: `ChequeError` `invalid_points_per_cheque`, or `invalid_cheque_value` for a
    ///   value at or below 0 or with more than two decimals (5.005).
    public init(_ settings: ChequeSettings) throws(ChequeError) {
        let missing = [("[cheques] points_per_cheque", settings.pointsPerCheque == nil),
                       ("[cheques] cheque_value", settings.chequeValue == nil)].filter { $0.1 }.map { $0.0 }
        guard let points = settings.pointsPerCheque, let chequeValue = settings.chequeValue else {
            throw Self.notConfigured(missing)
        }
        guard let value = Money(exactly: chequeValue) else {
            throw ChequeError(.invalidChequeValue,
                              "[cheques] cheque_value must be an amount with at most two decimals, not \(chequeValue)")
        }
        try self.init(pointsPerCheque: points, chequeValue: value)
    }

    /// The rule of `kassa.toml`: `[cheques]`, and the currency and country of `[shop]`.
    ///
    /// - Throws: `ChequeError` `not_configured` naming every key that is not set, and the
    ///   errors of `init(_:)`.
    public init(_ settings: ChequeSettings, shop: ShopSettings) throws(ChequeError) {
        let missing = [("[shop] currency", shop.currency == nil), ("[shop] country", shop.country == nil),
                       ("[cheques] points_per_cheque", settings.pointsPerCheque == nil),
                       ("[cheques] cheque_value", settings.chequeValue == nil)].filter { $0.1 }.map { $0.0 }
        guard missing.isEmpty else { throw Self.notConfigured(missing) }
        try self.init(settings)
        currency = shop.currency
        country = shop.country
    }

    private static func notConfigured(_ keys: [String]) -> ChequeError {
        let list = keys.count == 1 ? keys[0] : keys.dropLast().joined(separator: ", ") + " and " + keys.last!
        return ChequeError(.notConfigured,
                           "Cheques pay out money, so nothing is assumed: set \(list) in kassa.toml (see docs/configuration.md); nothing was paid out")
    }

    /// Whether `customer` lives outside `country`, so gets no cheque in its currency.
    public func isAbroad(_ customer: Customer) -> Bool {
        guard let country, let theirs = customer.country?.trimmingCharacters(in: .whitespaces), !theirs.isEmpty else { return false }
        return theirs.uppercased() != country
    }

    /// The one cheque `customer` gets now, or `nil` when the points are not worth a cheque
    /// (none, negative, or fewer than `pointsPerCheque`) or the customer is abroad.
    public func cheque(for customer: Customer) -> ChequeAward? {
        guard !isAbroad(customer) else { return nil }
        return cheque(customerNumber: customer.number, points: customer.points)
    }

    /// The one cheque a customer with `points` gets, or `nil` below `pointsPerCheque`.
    ///
    /// Should the value of all the points not fit in an `Int` of cents (about 9 × 10¹⁶ of
    /// the currency), the cheque holds as many standard cheques as fit and the rest stay as
    /// points: paying less now is recoverable, a wrapped-around amount is not.
    public func cheque(customerNumber: String, points: Int) -> ChequeAward? {
        guard points >= pointsPerCheque else { return nil }
        let cheques = min(points / pointsPerCheque, Int.max / chequeValue.minorUnits)
        let pointsUsed = cheques * pointsPerCheque
        return ChequeAward(
            customerNumber: customerNumber,
            cheques: cheques,
            pointsUsed: pointsUsed,
            value: Money(minorUnits: cheques * chequeValue.minorUnits),
            leftoverPoints: points - pointsUsed
        )
    }
}
