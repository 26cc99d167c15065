/// A card order as Kassa recorded it: the order, the number its card went on the
/// customer's cards under, and, once the order service took it, the service's receipt.
///
/// JSON: `id`, `card_number`, the fields of `CardOrder` (`customer_number`, `template`,
/// `cost`, `valid_until`, `order_date`, `dispatch_date`, `comment`, `status`) side by side,
/// and `receipt` (a `CardOrderReceipt`, left out until the order is submitted).
public struct PlacedCardOrder: Sendable, Hashable, Codable {
    /// The order's number in the shop's records, from 1.
    public var id: Int64
    /// The card's number on the customer's cards: `ORD-000042` (see `reference(for:)`).
    public var cardNumber: String
    /// The order as checked and scheduled; its `status` is the order's.
    public var order: CardOrder
    /// What the order service said when it took the order; `nil` before that. For an
    /// `unknown` order, the batch as it was sent (no `reference`): its id is the
    /// `Idempotency-Key` a retry sends again.
    public var receipt: CardOrderReceipt?

    /// A recorded order from its parts.
    public init(id: Int64, cardNumber: String, order: CardOrder, receipt: CardOrderReceipt? = nil) {
        self.id = id
        self.cardNumber = cardNumber
        self.order = order
        self.receipt = receipt
    }

    /// The card number an order gets until the service assigns one: `ORD-` and the order's
    /// number in at least six digits, `ORD-000042`. Unique, since order numbers are.
    public static func reference(for id: Int64) -> String {
        let digits = String(id)
        return "ORD-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case cardNumber = "card_number"
        case receipt
    }

    /// Reads the JSON form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        cardNumber = try container.decode(String.self, forKey: .cardNumber)
        receipt = try container.decodeIfPresent(CardOrderReceipt.self, forKey: .receipt)
        order = try CardOrder(from: decoder)
    }

    /// Writes the JSON form, the order's fields beside `id` and `card_number`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(cardNumber, forKey: .cardNumber)
        try container.encodeIfPresent(receipt, forKey: .receipt)
        try order.encode(to: encoder)
    }
}
