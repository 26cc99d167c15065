/// What the user asks for when ordering a customer card: `kassa cards order NUMBER
/// [--template T] [--valid-until DATE] [--comment C]`, or the same step in a script.
///
/// Taken as typed; `CardOrderPlanner` checks it against the settings.
public struct CardOrderRequest: Sendable, Hashable, Codable {
    /// The template's name; may be left out when there is only one template.
    public var template: String?
    /// The last day the card may be used, if limited. Limits the card, not its programmes.
    public var validUntil: CalendarDate?
    /// A free comment for the order service, e.g. "ship to the store, not the customer".
    public var comment: String?

    /// A request from its parts; every part may be left out.
    public init(template: String? = nil, validUntil: CalendarDate? = nil, comment: String? = nil) {
        self.template = template
        self.validUntil = validUntil
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case template
        case validUntil = "valid_until"
        case comment
    }
}
