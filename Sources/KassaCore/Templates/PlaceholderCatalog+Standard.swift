extension PlaceholderCatalog {
    /// Every customer field of SPEC §1, the shop tokens and the document tokens of 003.
    ///
    /// The main token is the Swedish name the shops already write (`#FORNAMN#`, 001); the
    /// English alias is the upper-case Lua field name (`#FIRST_NAME#` for `c.first_name`), so
    /// a reseller who knows one knows the other.
    public static let standard = PlaceholderCatalog([
        // Customer fields.
        Placeholder("KUNDNR", aliases: ["KUNDNUMMER", "NUMBER", "CUSTOMER_NUMBER"], kind: .customer, field: .number,
                    summary: "The customer number (the shop's key, not the phone number)."),
        Placeholder("FORNAMN", aliases: ["FIRST_NAME"], kind: .customer, field: .firstName,
                    summary: "The customer's first name."),
        Placeholder("EFTERNAMN", aliases: ["LAST_NAME"], kind: .customer, field: .lastName,
                    summary: "The customer's last name."),
        Placeholder("NAMN", aliases: ["NAME", "FULL_NAME"], kind: .customer, field: .fullName,
                    summary: "First and last name; the company name for a company, or when both names are missing."),
        Placeholder("FORETAG", aliases: ["COMPANY"], kind: .customer, field: .company,
                    summary: "The customer's company name."),
        Placeholder("EPOST", aliases: ["EMAIL"], kind: .customer, field: .email,
                    summary: "The customer's main e-mail address."),
        Placeholder("FAKTURAEPOST", aliases: ["BILLING_EMAIL"], kind: .customer, field: .billingEmail,
                    summary: "The billing e-mail address (the \"financial\" tab)."),
        Placeholder("MOBIL", aliases: ["MOBILE"], kind: .customer, field: .mobile,
                    summary: "The mobile number, as stored (`+46701234567`)."),
        Placeholder("ADRESS", aliases: ["STREET"], kind: .customer, field: .street,
                    summary: "The street address."),
        Placeholder("POSTNR", aliases: ["POSTNUMMER", "POSTAL_CODE"], kind: .customer, field: .postalCode,
                    summary: "The postal code."),
        Placeholder("ORT", aliases: ["CITY"], kind: .customer, field: .city,
                    summary: "The locality (city)."),
        Placeholder("LAND", aliases: ["COUNTRY"], kind: .customer, field: .country,
                    summary: "The country, as its ISO code (`SE`)."),
        Placeholder("FAMILJ", aliases: ["FAMILY"], kind: .customer, field: .family,
                    summary: "The customer family or group."),
        Placeholder("KUNDTYP", aliases: ["TYPE"], kind: .customer, field: .type,
                    summary: "The customer type."),
        Placeholder("KATEGORI", aliases: ["CATEGORY"], kind: .customer, field: .category,
                    summary: "The customer category."),
        Placeholder("POANG", aliases: ["POINTS"], kind: .customer, field: .points,
                    summary: "Loyalty points not yet paid out, as a whole number without grouping (`1250`)."),
        Placeholder("OMSGRUPP", aliases: ["TURNOVER_GROUP"], kind: .customer, field: .turnoverGroup,
                    summary: "The turnover group (\"omzetgroep\")."),
        Placeholder("SENASTEBESOK", aliases: ["LAST_VISIT"], kind: .customer, field: .lastVisit,
                    summary: "The date of the last visit, in the shop's date style."),
        Placeholder("FORDONSTYP", aliases: ["VEHICLE_TYPE"], kind: .customer, field: .vehicleType,
                    summary: "The type of the customer's first vehicle."),
        Placeholder("MARKE", aliases: ["BRAND"], kind: .customer, field: .vehicleBrand,
                    summary: "The brand of the customer's first vehicle."),
        Placeholder("MODELL", aliases: ["MODEL"], kind: .customer, field: .vehicleModel,
                    summary: "The model of the customer's first vehicle."),
        Placeholder("REGNR", aliases: ["PLATE"], kind: .customer, field: .vehiclePlate,
                    summary: "The registration plate of the customer's first vehicle."),
        Placeholder("KORTNR", aliases: ["CARD"], kind: .customer, field: .cardNumber,
                    summary: "The number of the customer's first card."),
        Placeholder("ATTR", aliases: ["ATTRIBUTE"], kind: .customer, field: .attribute,
                    summary: "A custom attribute: `#ATTR.key#` inserts the attribute `key` (matched exactly, else ignoring case)."),

        // The shop and the moment.
        Placeholder("BUTIK", aliases: ["SHOP"], kind: .shop, field: .shopName,
                    summary: "The shop's name (`[shop] name`)."),
        Placeholder("DATUM", aliases: ["TODAY"], kind: .shop, field: .today,
                    summary: "Today's date, in the shop's date style."),

        // The document being sent (003: the text of an invoice mail).
        Placeholder("NUMFACT", aliases: ["FAKTURANR", "INVOICE_NUMBER"], kind: .document, field: .invoiceNumber,
                    summary: "The number of the document (invoice, credit note) being sent."),
        Placeholder("DATEFACT", aliases: ["FAKTURADATUM", "INVOICE_DATE"], kind: .document, field: .invoiceDate,
                    summary: "The date of the document being sent, in the shop's date style."),
        Placeholder("NOMSOC", kind: .document, field: .companyName,
                    summary: "The name of the company sending the document: the shop's name unless the sender gives another."),
    ])
}
