/// Ordering customer cards (`[cards]` and `[[cards.templates]]` of `kassa.toml`): the
/// service, the shipping rhythm and the designs. Where an `http` service is reached is the
/// adapter's business, not the domain's.
public struct CardSettings: Sendable, Hashable {
    /// The order service (`provider`).
    public enum Provider: String, Sendable, Hashable, CaseIterable {
        /// No order service: only a request for information can be made.
        case none
        /// Orders are written as files to the outbox folder.
        case file
        /// Orders are posted as JSON to the order service's URL (`url`), with an
        /// `Idempotency-Key` per batch.
        case http
    }

    /// When ordered cards are shipped (`rhythm`).
    public enum Rhythm: String, Sendable, Hashable, CaseIterable {
        /// The next working day.
        case daily
        /// The next working day of the following week.
        case weekly
        /// The first working day of the following month.
        case monthly
    }

    /// A card design that can be ordered.
    public struct Template: Sendable, Hashable {
        /// The template's name, unique among templates.
        public var name: String
        /// What one card costs (card, print and shipping), in the shop's currency.
        public var cost: Double

        /// A template from its name and cost.
        public init(name: String, cost: Double) {
            self.name = name
            self.cost = cost
        }
    }

    /// The order service. Default `.file`.
    public var provider: Provider
    /// When cards are shipped. Default `.daily`.
    public var rhythm: Rhythm
    /// Whether every order needs a validity date (`validity_required`). Default `false`.
    public var validityRequired: Bool
    /// Days that are not working days, besides weekends.
    public var holidays: [CalendarDate]
    /// The designs that can be ordered (`[[cards.templates]]`). None by default: no card
    /// and no price is invented, so ordering refuses until the file names one.
    public var templates: [Template]

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(
        provider: Provider = .file,
        rhythm: Rhythm = .daily,
        validityRequired: Bool = false,
        holidays: [CalendarDate] = [],
        templates: [Template] = []
    ) {
        self.provider = provider
        self.rhythm = rhythm
        self.validityRequired = validityRequired
        self.holidays = holidays
        self.templates = templates
    }
}
