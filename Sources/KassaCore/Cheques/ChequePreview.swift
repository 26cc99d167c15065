/// Who would get which cheque if the selection were paid out now: one cheque per customer,
/// its value summed from the standard cheques the points are worth (`kassa cheques preview`).
///
/// JSON: `points_per_cheque`, `cheque_value`, `currency`, `cheques` (entries), `without_email`
/// and `other_country` (customer numbers), `total_value`, `points_used`.
public struct ChequePreview: Sendable, Hashable, Codable {
    /// One customer's cheque.
    ///
    /// JSON: `customer_number`, `name`, `email`, `points`, `cheques`, `points_used`,
    /// `value`, `leftover_points`.
    public struct Entry: Sendable, Hashable, Codable {
        /// The customer.
        public var customerNumber: String
        /// The name the cheque's e-mail greets.
        public var name: String
        /// Where the cheque goes.
        public var email: String
        /// The customer's points now.
        public var points: Int
        /// The cheque the points are worth.
        public var award: ChequeAward

        /// An entry from its parts.
        public init(customerNumber: String, name: String, email: String, points: Int, award: ChequeAward) {
            self.customerNumber = customerNumber
            self.name = name
            self.email = email
            self.points = points
            self.award = award
        }

        private enum CodingKeys: String, CodingKey {
            case customerNumber = "customer_number"
            case name, email, points, cheques
            case pointsUsed = "points_used"
            case value
            case leftoverPoints = "leftover_points"
        }

        /// Reads the JSON form.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            customerNumber = try container.decode(String.self, forKey: .customerNumber)
            name = try container.decode(String.self, forKey: .name)
            email = try container.decode(String.self, forKey: .email)
            points = try container.decode(Int.self, forKey: .points)
            award = ChequeAward(customerNumber: customerNumber, cheques: try container.decode(Int.self, forKey: .cheques),
                                pointsUsed: try container.decode(Int.self, forKey: .pointsUsed),
                                value: try container.decode(Money.self, forKey: .value),
                                leftoverPoints: try container.decode(Int.self, forKey: .leftoverPoints))
        }

        /// Writes the JSON form, the award's parts beside the customer's.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(customerNumber, forKey: .customerNumber)
            try container.encode(name, forKey: .name)
            try container.encode(email, forKey: .email)
            try container.encode(points, forKey: .points)
            try container.encode(award.cheques, forKey: .cheques)
            try container.encode(award.pointsUsed, forKey: .pointsUsed)
            try container.encode(award.value, forKey: .value)
            try container.encode(award.leftoverPoints, forKey: .leftoverPoints)
        }
    }

    /// Points that make one standard cheque.
    public var pointsPerCheque: Int
    /// What one standard cheque is worth.
    public var chequeValue: Money
    /// One entry per customer who would be paid, in customer-number order.
    public var entries: [Entry]
    /// Chosen customers whose points are worth a cheque but who have no e-mail address;
    /// they are left for the post (`kassa cheques remaining`).
    public var withoutEmail: [String]
    /// Chosen customers whose points are worth a cheque but who live outside the shop's
    /// country, so get no cheque in its currency.
    public var otherCountry: [String] = []
    /// The ISO code of the currency of every amount; `nil` for a rule without one.
    public var currency: String?

    /// A preview from its parts.
    public init(pointsPerCheque: Int, chequeValue: Money, entries: [Entry], withoutEmail: [String]) {
        self.pointsPerCheque = pointsPerCheque
        self.chequeValue = chequeValue
        self.entries = entries
        self.withoutEmail = withoutEmail
    }

    /// What all the cheques are worth together.
    public var totalValue: Money {
        Money(minorUnits: entries.reduce(0) { $0 + $1.award.value.minorUnits })
    }

    /// The points all the cheques use.
    public var pointsUsed: Int {
        entries.reduce(0) { $0 + $1.award.pointsUsed }
    }

    private enum CodingKeys: String, CodingKey {
        case pointsPerCheque = "points_per_cheque"
        case chequeValue = "cheque_value"
        case currency
        case entries = "cheques"
        case withoutEmail = "without_email"
        case otherCountry = "other_country"
        case totalValue = "total_value"
        case pointsUsed = "points_used"
    }

    /// Reads the JSON form; the totals are worked out again.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pointsPerCheque = try container.decode(Int.self, forKey: .pointsPerCheque)
        chequeValue = try container.decode(Money.self, forKey: .chequeValue)
        entries = try container.decode([Entry].self, forKey: .entries)
        withoutEmail = try container.decode([String].self, forKey: .withoutEmail)
        otherCountry = try container.decodeIfPresent([String].self, forKey: .otherCountry) ?? []
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
    }

    /// Writes the JSON form with the totals.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pointsPerCheque, forKey: .pointsPerCheque)
        try container.encode(chequeValue, forKey: .chequeValue)
        try container.encode(currency, forKey: .currency)
        try container.encode(entries, forKey: .entries)
        try container.encode(withoutEmail, forKey: .withoutEmail)
        try container.encode(otherCountry, forKey: .otherCountry)
        try container.encode(totalValue, forKey: .totalValue)
        try container.encode(pointsUsed, forKey: .pointsUsed)
    }
}
