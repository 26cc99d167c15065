/// `[shop]`: who the shop is, for templates, exports and number formats.
///
/// The name, country and currency are never invented: a message, a cheque or a price that
/// needs one refuses until `kassa.toml` sets it.
public struct ShopSettings: Sendable, Hashable {
    /// The shop's name, as customers know it (`#BUTIK#`, `<NOMSOC>` in documents); required to send.
    public var name: String?
    /// ISO 3166-1 alpha-2 country code, upper case; required for cheques.
    public var country: String?
    /// ISO 4217 currency code, upper case; required for cheques and card orders.
    public var currency: String?
    /// The language of texts Kassa writes itself, as a BCP 47 tag (`sv`, `nl-BE`). Default `sv`.
    public var language: String

    /// Settings from their parts; what is not given is not set.
    public init(name: String? = nil, country: String? = nil, currency: String? = nil, language: String = "sv") {
        self.name = name
        self.country = country
        self.currency = currency
        self.language = language
    }

    /// What a preview shows for `#BUTIK#` while `[shop] name` is not set: the setting to
    /// fill in, since sending refuses without it anyway.
    public static let unsetNameMarker = "[shop] name"
}
