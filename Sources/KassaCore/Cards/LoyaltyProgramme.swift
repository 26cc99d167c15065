/// A loyalty programme attached to a customer card once it is ordered (SPEC §8, 004's
/// "Kundenbindungsprogramme"): bonus articles, a discount, or a voucher.
///
/// What each kind holds:
/// - `bonus_article`: `article`, the article number given as a bonus (e.g. "every tenth
///   car wash free"; the condition goes in `details`).
/// - `discount`: either `percent` (1–100, whole percents) or a fixed `amount` off, not both.
/// - `voucher`: the voucher's `amount`.
/// Every programme has a `name`, and may have `details` for people. A programme that
/// breaks these rules cannot be made, nor read from JSON.
///
/// JSON: `kind`, `name`, `details`, `article`, `percent`, `amount` (text, `"10.00"`),
/// absent keys for what the kind does not use.
public struct LoyaltyProgramme: Sendable, Hashable, Codable {
    /// What the programme gives.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An article given as a bonus.
        case bonusArticle = "bonus_article"
        /// A discount, in percent or as an amount.
        case discount
        /// A voucher of a fixed amount.
        case voucher
    }

    /// What the programme gives.
    public let kind: Kind
    /// The programme's name, as shown on the card's page.
    public let name: String
    /// A description for people: the conditions, the period.
    public let details: String?
    /// The bonus article's number (`bonus_article` only).
    public let article: String?
    /// The discount in whole percents, 1–100 (`discount` only).
    public let percent: Int?
    /// The voucher's value, or a fixed discount (`voucher`, `discount`).
    public let amount: Money?

    /// A programme from its parts, checked against what its kind needs.
    ///
    /// - Throws: `CardError` `invalid_programme` naming the part that is missing, extra or
    ///   out of range.
    public init(kind: Kind, name: String, details: String? = nil, article: String? = nil,
                percent: Int? = nil, amount: Money? = nil) throws(CardError) {
        func refuse(_ reason: String) -> CardError {
            CardError(.invalidProgramme, "The \(kind.rawValue) programme \(CardError.quoted(name)) \(reason)")
        }
        guard !Self.isBlank(name) else {
            throw CardError(.invalidProgramme, "A \(kind.rawValue) programme needs a name")
        }
        if let amount, amount <= .zero {
            throw refuse("needs an amount above 0, not \(amount)")
        }
        if let percent, !(1...100).contains(percent) {
            throw refuse("needs a percentage from 1 to 100, not \(percent)")
        }
        switch kind {
        case .bonusArticle:
            guard let article, !Self.isBlank(article) else { throw refuse("needs the bonus article's number") }
            guard percent == nil, amount == nil else { throw refuse("gives an article; a percentage or amount belongs to a discount or voucher") }
        case .discount:
            guard article == nil else { throw refuse("gives a discount; an article belongs to a bonus article programme") }
            guard (percent == nil) != (amount == nil) else { throw refuse("needs either a percentage or an amount off, not both or neither") }
        case .voucher:
            guard article == nil, percent == nil else { throw refuse("gives a voucher; it has an amount, not an article or a percentage") }
            guard amount != nil else { throw refuse("needs the voucher's amount") }
        }
        self.kind = kind
        self.name = name
        self.details = details
        self.article = article
        self.percent = percent
        self.amount = amount
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    private enum CodingKeys: String, CodingKey {
        case kind, name, details, article, percent, amount
    }

    /// Reads the JSON form and checks it as `init(kind:name:…)` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            kind: container.decode(Kind.self, forKey: .kind),
            name: container.decode(String.self, forKey: .name),
            details: container.decodeIfPresent(String.self, forKey: .details),
            article: container.decodeIfPresent(String.self, forKey: .article),
            percent: container.decodeIfPresent(Int.self, forKey: .percent),
            amount: container.decodeIfPresent(Money.self, forKey: .amount)
        )
    }

    /// Writes the JSON form, leaving out what the kind does not use.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(details, forKey: .details)
        try container.encodeIfPresent(article, forKey: .article)
        try container.encodeIfPresent(percent, forKey: .percent)
        try container.encodeIfPresent(amount, forKey: .amount)
    }
}
