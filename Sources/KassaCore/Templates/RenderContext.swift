/// Everything a render needs besides the customer: the shop, its language, the day, and the
/// document being sent.
public struct RenderContext: Sendable {
    /// The shop's name (`#BUTIK#`), as `[shop] name` gives it.
    public var shopName: String
    /// How dates and amounts are written.
    public var locale: ShopLocale
    /// The day the message is rendered for (`#DATUM#`). A parameter rather than the clock,
    /// so that a preview, a resumed job and a test all write the same day.
    public var today: CalendarDate
    /// The number of the document being sent (`<NUMFACT>`), when there is one.
    public var invoiceNumber: String?
    /// The date of the document being sent (`<DATEFACT>`), when there is one.
    public var invoiceDate: CalendarDate?
    /// The name of the company sending the document (`<NOMSOC>`); `nil` means the shop's name.
    public var companyName: String?
    /// Values for placeholders a caller adds to its own catalog (`PlaceholderField.contextValue(key)`),
    /// by key.
    public var values: [String: TemplateValue]

    /// A context from its parts.
    public init(
        shopName: String,
        locale: ShopLocale = .sv,
        today: CalendarDate,
        invoiceNumber: String? = nil,
        invoiceDate: CalendarDate? = nil,
        companyName: String? = nil,
        values: [String: TemplateValue] = [:]
    ) {
        self.shopName = shopName
        self.locale = locale
        self.today = today
        self.invoiceNumber = invoiceNumber
        self.invoiceDate = invoiceDate
        self.companyName = companyName
        self.values = values
    }

    /// A context for the shop of `kassa.toml` (`[shop] name` and `language`). Without a
    /// name, `#BUTIK#` shows `[shop] name`: a preview says what to set, and sending refuses.
    public init(
        shop: ShopSettings,
        today: CalendarDate,
        invoiceNumber: String? = nil,
        invoiceDate: CalendarDate? = nil,
        companyName: String? = nil,
        values: [String: TemplateValue] = [:]
    ) {
        self.init(shopName: shop.name ?? ShopSettings.unsetNameMarker, locale: ShopLocale(languageTag: shop.language), today: today,
                  invoiceNumber: invoiceNumber, invoiceDate: invoiceDate, companyName: companyName, values: values)
    }
}
