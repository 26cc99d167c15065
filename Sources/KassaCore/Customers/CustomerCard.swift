/// A customer card (004): the card itself and, once it was ordered through Kassa, the
/// order's dates and cost and the loyalty programmes attached to it.
///
/// Cards imported or typed in have only the first four parts; the order details are `nil`
/// and there are no programmes. JSON (as `kassa select --json` writes customers) uses the
/// property names; `programmes` may be missing, and reads as none.
public struct CustomerCard: Sendable, Hashable, Codable {
    /// The card's number: the one printed on it, or, for a card ordered through Kassa, the
    /// shop's order reference (`ORD-000042`) until the service assigns a number.
    public var number: String
    /// The card template (design) it was made from.
    public var template: String?
    /// The last day the card may be used, if limited. Limits the card, not its programmes.
    public var validUntil: CalendarDate?
    /// Where the card is in its life: `active`, `blocked`, or for an order `ordered`
    /// (recorded, not yet handed to the order service) and `submitted` (handed over).
    public var status: String
    /// The day the card was ordered, for a card ordered through Kassa.
    public var orderedOn: CalendarDate?
    /// The day the card is expected to be dispatched, from the shipping rhythm.
    public var dispatchOn: CalendarDate?
    /// What the order cost (card, print and shipping).
    public var cost: Money?
    /// The loyalty programmes attached to the card (bonus articles, discounts, vouchers).
    public var programmes: [LoyaltyProgramme]

    /// A card from its parts; the order details and programmes may be left out.
    public init(number: String, template: String? = nil, validUntil: CalendarDate? = nil, status: String = "active",
                orderedOn: CalendarDate? = nil, dispatchOn: CalendarDate? = nil, cost: Money? = nil,
                programmes: [LoyaltyProgramme] = []) {
        self.number = number
        self.template = template
        self.validUntil = validUntil
        self.status = status
        self.orderedOn = orderedOn
        self.dispatchOn = dispatchOn
        self.cost = cost
        self.programmes = programmes
    }

    private enum CodingKeys: String, CodingKey {
        case number, template, validUntil, status, orderedOn, dispatchOn, cost, programmes
    }

    /// Reads the JSON form; cards written before orders were recorded lack the order
    /// details and `programmes`, and read with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(String.self, forKey: .number)
        template = try container.decodeIfPresent(String.self, forKey: .template)
        validUntil = try container.decodeIfPresent(CalendarDate.self, forKey: .validUntil)
        status = try container.decode(String.self, forKey: .status)
        orderedOn = try container.decodeIfPresent(CalendarDate.self, forKey: .orderedOn)
        dispatchOn = try container.decodeIfPresent(CalendarDate.self, forKey: .dispatchOn)
        cost = try container.decodeIfPresent(Money.self, forKey: .cost)
        programmes = try container.decodeIfPresent([LoyaltyProgramme].self, forKey: .programmes) ?? []
    }
}
