import KassaCore

/// A customer card as `kassa cards list --json` and `kassa cards attach --json` show it:
/// days as `YYYY-MM-DD`, amounts as text, and the order it came from. Its `number` is the
/// card's, so the JSON says `card_number`: `number` is the customer's in every output.
struct CardView: Encodable, JSONKeyRenaming {
    static let jsonKeys = ["number": "card_number"]

    let number: String
    let template: String?
    let status: String
    let validUntil: String?
    let orderedOn: String?
    let dispatchOn: String?
    let cost: Money?
    let programmes: [LoyaltyProgramme]
    let order: PlacedCardOrder?

    init(_ card: CustomerCard, order: PlacedCardOrder? = nil) {
        number = card.number
        template = card.template
        status = card.status
        validUntil = card.validUntil?.description
        orderedOn = card.orderedOn?.description
        dispatchOn = card.dispatchOn?.description
        cost = card.cost
        programmes = card.programmes
        self.order = order
    }

    /// `ORD-000001  GOLD  submitted  ordered 2026-12-23  dispatch 2026-12-28  12.50 SEK  valid until 2027-12-31`,
    /// then one indented line per programme.
    func lines(currency: String) -> [String] {
        var parts = [number, template ?? "-", status]
        if let orderedOn { parts.append("ordered \(orderedOn)") }
        if let dispatchOn { parts.append("dispatch \(dispatchOn)") }
        if let cost { parts.append("\(cost) \(currency)") }
        parts.append(validUntil.map { "valid until \($0)" } ?? "no end date")
        if let comment = order?.order.comment { parts.append("comment: \(comment)") }
        return [parts.joined(separator: "  ")] + programmes.map { "    \(Self.describe($0, currency: currency))" }
    }

    /// `discount "Club": 10 %`, `voucher "Welcome": 5.00 SEK`, `bonus_article "Wash": article W-10`.
    static func describe(_ programme: LoyaltyProgramme, currency: String) -> String {
        var text = "\(programme.kind.rawValue) \"\(programme.name)\""
        if let percent = programme.percent { text += ": \(percent) %" }
        if let amount = programme.amount { text += ": \(amount) \(currency)" }
        if let article = programme.article { text += ": article \(article)" }
        if let details = programme.details { text += " (\(details))" }
        return text
    }
}
