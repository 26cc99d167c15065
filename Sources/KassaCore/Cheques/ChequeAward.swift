/// The one value cheque a customer gets from a run: how many standard cheques it sums, the
/// points it uses, what it is worth, and the points left on the customer.
///
/// Stored as JSON (`customer_number`, `cheques`, `points_used`, `value`, `leftover_points`)
/// with the value as text, `"15.00"`.
public struct ChequeAward: Sendable, Hashable, Codable {
    /// The customer the cheque is for.
    public var customerNumber: String
    /// How many standard cheques are summed into this one (at least 1).
    public var cheques: Int
    /// The points paid out: `cheques × points_per_cheque`.
    public var pointsUsed: Int
    /// What the cheque is worth: `cheques × cheque_value`.
    public var value: Money
    /// The points that stay on the customer: fewer than `points_per_cheque`, unless the
    /// value of all the points would not fit in an `Int` of cents (see `ChequeRule`).
    public var leftoverPoints: Int

    /// An award from its parts, taken as given; `ChequeRule.cheque(for:)` works them out.
    public init(customerNumber: String, cheques: Int, pointsUsed: Int, value: Money, leftoverPoints: Int) {
        self.customerNumber = customerNumber
        self.cheques = cheques
        self.pointsUsed = pointsUsed
        self.value = value
        self.leftoverPoints = leftoverPoints
    }

    private enum CodingKeys: String, CodingKey {
        case customerNumber = "customer_number"
        case cheques
        case pointsUsed = "points_used"
        case value
        case leftoverPoints = "leftover_points"
    }
}
