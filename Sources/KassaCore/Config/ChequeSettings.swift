/// `[cheques]`: how loyalty points become value cheques.
public struct ChequeSettings: Sendable, Hashable {
    /// Points that make one standard cheque (`points_per_cheque`). Default 500.
    public var pointsPerCheque: Int
    /// What one standard cheque is worth, in the shop's currency (`cheque_value`). Default 5.
    public var chequeValue: Double

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(pointsPerCheque: Int = 500, chequeValue: Double = 5.00) {
        self.pointsPerCheque = pointsPerCheque
        self.chequeValue = chequeValue
    }
}
