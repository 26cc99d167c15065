/// `[cheques]`: how loyalty points become value cheques.
///
/// Neither part has a default: money is never paid out on an invented rule.
public struct ChequeSettings: Sendable, Hashable {
    /// Points that make one standard cheque (`points_per_cheque`).
    public var pointsPerCheque: Int?
    /// What one standard cheque is worth, in the shop's currency (`cheque_value`).
    public var chequeValue: Double?

    /// Settings from their parts; what is not given is not set.
    public init(pointsPerCheque: Int? = nil, chequeValue: Double? = nil) {
        self.pointsPerCheque = pointsPerCheque
        self.chequeValue = chequeValue
    }
}
