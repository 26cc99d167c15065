/// How loyalty points become value cheques (`[cheques]`, SPEC §4).
///
/// Every `points_per_cheque` points are worth one standard cheque of `cheque_value`. A
/// customer whose points are worth several standard cheques gets **one** cheque with their
/// summed value (one e-mail per customer, so the shop's address is not taken for spam);
/// the points that do not make a whole cheque stay on the customer.
public struct ChequeRule: Sendable, Hashable {
    /// Points that make one standard cheque, at least 1.
    public let pointsPerCheque: Int
    /// What one standard cheque is worth, above 0.
    public let chequeValue: Money

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
        guard let value = Money(exactly: settings.chequeValue) else {
            throw ChequeError(.invalidChequeValue,
                              "[cheques] cheque_value must be an amount with at most two decimals, not \(settings.chequeValue)")
        }
        try self.init(pointsPerCheque: settings.pointsPerCheque, chequeValue: value)
    }

    /// The one cheque `customer` gets now, or `nil` when the points are not worth a cheque
    /// (none, negative, or fewer than `pointsPerCheque`).
    public func cheque(for customer: Customer) -> ChequeAward? {
        cheque(customerNumber: customer.number, points: customer.points)
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
