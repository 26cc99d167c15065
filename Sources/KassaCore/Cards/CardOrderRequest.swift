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

    /// Reads `valid_until` as `YYYY-MM-DD`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        template = try container.decodeIfPresent(String.self, forKey: .template)
        validUntil = try container.decodeIfPresent(DayText.self, forKey: .validUntil)?.date
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }

    /// Writes `valid_until` as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(template, forKey: .template)
        try container.encodeIfPresent(validUntil.map(DayText.init), forKey: .validUntil)
        try container.encodeIfPresent(comment, forKey: .comment)
    }
}
