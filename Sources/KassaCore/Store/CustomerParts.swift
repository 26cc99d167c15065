/// Which parts of a customer an upsert writes over the stored customer with the same number.
///
/// An import writes what its file carries and leaves the rest of a stored customer as it
/// is: a file of numbers and cities changes cities, not names, points, consent or cards.
/// A customer who is not stored yet is inserted with the parts given and the defaults
/// (empty, no, 0) for the rest. The number is always written; so is the row's `version`.
///
/// Lists are written whole: with `vehicles` the stored vehicles are replaced by the
/// customer's, an empty list included; without it they stay. Attributes are written per
/// key (`Attributes.keys`) or whole (`Attributes.all`).
///
/// Consent: when `newsletter` is written and `newsletterAt` is not, the stored consent time
/// stays while the consent stays as it was, and is cleared when the consent changes: it
/// would be the time of a consent since withdrawn, or of none.
public struct CustomerParts: Sendable, Hashable {
    /// The fields written (`number` is written whether listed or not). `contactEmails` is the
    /// list of contact addresses, replaced whole.
    public var fields: Set<Customer.Field>
    /// Whether the stored vehicles are replaced by the customer's.
    public var vehicles: Bool
    /// Whether the stored cards are replaced by the customer's.
    public var cards: Bool
    /// Which attributes are written.
    public var attributes: Attributes

    /// Which of a stored customer's attributes an upsert writes.
    public enum Attributes: Sendable, Hashable {
        /// These keys only: each is set to the customer's value, or removed when the
        /// customer has none; the stored customer's other attributes stay.
        case keys(Set<String>)
        /// All of them: the stored attributes are replaced by the customer's.
        case all
    }

    /// Parts from their pieces; by default only the fields.
    public init(fields: Set<Customer.Field>, vehicles: Bool = false, cards: Bool = false, attributes: Attributes = .keys([])) {
        self.fields = fields
        self.vehicles = vehicles
        self.cards = cards
        self.attributes = attributes
    }

    /// Everything: a stored customer is replaced whole (its marks stay).
    public static let whole = CustomerParts(fields: Set(Customer.Field.allCases), vehicles: true, cards: true, attributes: .all)

    /// Whether the consent time follows the consent, as the type's documentation says.
    package var newsletterAtFollowsNewsletter: Bool {
        fields.contains(.newsletter) && !fields.contains(.newsletterAt)
    }
}
