/// A customer whose points are worth a cheque that was not paid out by e-mail: a line of
/// the list for the posted letters ("Kadobon", 000), with the postal address.
///
/// JSON: `customer_number`, `name`, `street`, `postal_code`, `city`, `country`, `email`,
/// `points`, `cheques`, `value`, `currency`, `leftover_points`, `reason`; absent address parts are null.
public struct RemainingCheque: Sendable, Hashable, Codable {
    /// Why the cheque was not paid out by e-mail.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The customer has no e-mail address.
        case noEmail = "no_email"
        /// The customer has an address but was not paid: deselected, or no run yet.
        case notPaid = "not_paid"
    }

    /// The customer.
    public var customerNumber: String
    /// The name the letter is addressed to.
    public var name: String
    /// The street of the postal address.
    public var street: String?
    /// The postal code, as written in the country.
    public var postalCode: String?
    /// The locality.
    public var city: String?
    /// The ISO country code.
    public var country: String?
    /// The main e-mail address, if any.
    public var email: String?
    /// The customer's points now.
    public var points: Int
    /// The cheque the points are worth.
    public var award: ChequeAward
    /// The ISO code of the currency of `award`'s value; `nil` for a rule without one.
    public var currency: String?
    /// Why it was not paid out by e-mail.
    public var reason: Reason

    /// The remaining cheque of `customer`, or `nil` when the points are not worth one.
    public init?(customer: Customer, rule: ChequeRule) {
        guard let award = rule.cheque(for: customer) else { return nil }
        customerNumber = customer.number
        name = VoucherFileLayout.addressName(of: customer)
        street = customer.street
        postalCode = customer.postalCode
        city = customer.city
        country = customer.country
        email = VoucherFileLayout.trimmed(customer.email)
        points = customer.points
        self.award = award
        currency = rule.currency
        reason = email == nil ? .noEmail : .notPaid
    }

    private enum CodingKeys: String, CodingKey {
        case customerNumber = "customer_number"
        case name, street
        case postalCode = "postal_code"
        case city, country, email, points, cheques, value, currency
        case leftoverPoints = "leftover_points"
        case pointsUsed = "points_used"
        case reason
    }

    /// Reads the JSON form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        customerNumber = try container.decode(String.self, forKey: .customerNumber)
        name = try container.decode(String.self, forKey: .name)
        street = try container.decodeIfPresent(String.self, forKey: .street)
        postalCode = try container.decodeIfPresent(String.self, forKey: .postalCode)
        city = try container.decodeIfPresent(String.self, forKey: .city)
        country = try container.decodeIfPresent(String.self, forKey: .country)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        points = try container.decode(Int.self, forKey: .points)
        award = ChequeAward(customerNumber: customerNumber, cheques: try container.decode(Int.self, forKey: .cheques),
                            pointsUsed: try container.decode(Int.self, forKey: .pointsUsed),
                            value: try container.decode(Money.self, forKey: .value),
                            leftoverPoints: try container.decode(Int.self, forKey: .leftoverPoints))
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        reason = try container.decode(Reason.self, forKey: .reason)
    }

    /// Writes the JSON form; absent address parts as null, so every line has every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(customerNumber, forKey: .customerNumber)
        try container.encode(name, forKey: .name)
        try container.encode(street, forKey: .street)
        try container.encode(postalCode, forKey: .postalCode)
        try container.encode(city, forKey: .city)
        try container.encode(country, forKey: .country)
        try container.encode(email, forKey: .email)
        try container.encode(points, forKey: .points)
        try container.encode(award.cheques, forKey: .cheques)
        try container.encode(award.pointsUsed, forKey: .pointsUsed)
        try container.encode(award.value, forKey: .value)
        try container.encode(currency, forKey: .currency)
        try container.encode(award.leftoverPoints, forKey: .leftoverPoints)
        try container.encode(reason, forKey: .reason)
    }
}
