/// `[shop]`: who the shop is, for templates, exports and number formats.
public struct ShopSettings: Sendable, Hashable {
    /// The shop's name, as customers know it (`<NOMSOC>` in documents). Default `Kassa`.
    public var name: String
    /// ISO 3166-1 alpha-2 country code, upper case. Default `SE`.
    public var country: String
    /// ISO 4217 currency code, upper case. Default `SEK`.
    public var currency: String
    /// The language of texts Kassa writes itself, as a BCP 47 tag (`sv`, `nl-BE`). Default `sv`.
    public var language: String

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(name: String = "Kassa", country: String = "SE", currency: String = "SEK", language: String = "sv") {
        self.name = name
        self.country = country
        self.currency = currency
        self.language = language
    }
}
