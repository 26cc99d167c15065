/// One customer card order, checked and scheduled (`CardOrderPlanner`), ready for an
/// order service (`CardOrderProvider`).
///
/// Stored and sent as JSON with snake_case keys, dates as `YYYY-MM-DD` and the cost as
/// text, `"4.90"`.
public struct CardOrder: Sendable, Hashable, Codable {
    /// Where the order is in its life.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Checked and scheduled, not yet handed to the order service.
        case ordered
        /// Handed to the order service.
        case submitted
        /// Sent to the order service, and no answer came: the service may have taken it.
        /// Never withdrawn while it may exist there; `kassa cards retry` sends it again
        /// with the same batch id as `Idempotency-Key`, which a service recognises.
        case unknown
    }

    /// The customer the card is for.
    public var customerNumber: String
    /// The card template.
    public var template: String
    /// What the card costs (card, print and shipping).
    public var cost: Money
    /// The last day the card may be used, if limited.
    public var validUntil: CalendarDate?
    /// The day the order was placed.
    public var orderDate: CalendarDate
    /// The day the card is expected to be dispatched, from the shipping rhythm.
    public var dispatchDate: CalendarDate
    /// A free comment for the order service; `nil` rather than blank.
    public var comment: String?
    /// Where the order is in its life.
    public var status: Status

    /// An order from its parts, taken as given; `CardOrderPlanner` checks them.
    public init(customerNumber: String, template: String, cost: Money, validUntil: CalendarDate?,
                orderDate: CalendarDate, dispatchDate: CalendarDate, comment: String?, status: Status = .ordered) {
        self.customerNumber = customerNumber
        self.template = template
        self.cost = cost
        self.validUntil = validUntil
        self.orderDate = orderDate
        self.dispatchDate = dispatchDate
        self.comment = comment
        self.status = status
    }

    /// The card as it goes on the customer's cards until the service assigns its number:
    /// `number` is the shop's reference for the order (`ORD-000042`), and the order's
    /// status, dates and cost come along; it has no programmes yet.
    public func card(number: String) -> CustomerCard {
        CustomerCard(number: number, template: template, validUntil: validUntil, status: status.rawValue,
                     orderedOn: orderDate, dispatchOn: dispatchDate, cost: cost)
    }

    private enum CodingKeys: String, CodingKey {
        case customerNumber = "customer_number"
        case template
        case cost
        case validUntil = "valid_until"
        case orderDate = "order_date"
        case dispatchDate = "dispatch_date"
        case comment
        case status
    }
}
