/// Where a placeholder's value comes from: a customer field, the shop, or the document being
/// sent. Compiling turns each token's field into a one-byte code, so rendering is a `switch`,
/// never a lookup by name.
public enum PlaceholderField: Sendable, Hashable {
    /// The customer number.
    case number
    /// The first name.
    case firstName
    /// The last name.
    case lastName
    /// First and last name; the company name for a company or when both are missing.
    case fullName
    /// The company name.
    case company
    /// The main e-mail address.
    case email
    /// The billing e-mail address (the "financial" tab).
    case billingEmail
    /// The mobile number.
    case mobile
    /// The street address.
    case street
    /// The postal code.
    case postalCode
    /// The locality.
    case city
    /// The ISO country code.
    case country
    /// The customer family or group.
    case family
    /// The customer type.
    case type
    /// The customer category.
    case category
    /// Loyalty points, written without grouping; never missing (0 is a value).
    case points
    /// The turnover group ("omzetgroep").
    case turnoverGroup
    /// The last visit, in the shop's date style.
    case lastVisit
    /// The type of the customer's first vehicle.
    case vehicleType
    /// The brand of the customer's first vehicle.
    case vehicleBrand
    /// The model of the customer's first vehicle.
    case vehicleModel
    /// The registration plate of the customer's first vehicle.
    case vehiclePlate
    /// The number of the customer's first card.
    case cardNumber
    /// A custom attribute: the key follows the token's name after a dot (`#ATTR.shoe_size#`).
    case attribute
    /// `RenderContext.shopName`.
    case shopName
    /// `RenderContext.today`, in the shop's date style; never missing.
    case today
    /// `RenderContext.invoiceNumber`.
    case invoiceNumber
    /// `RenderContext.invoiceDate`, in the shop's date style.
    case invoiceDate
    /// `RenderContext.companyName`, else the shop's name.
    case companyName
    /// `RenderContext.values[key]`: for placeholders a caller adds to its own catalog.
    case contextValue(String)

    /// What the value is, for "Customer 10023 has no first name for #FORNAMN#…".
    var valueDescription: String {
        switch self {
        case .number: "customer number"
        case .firstName: "first name"
        case .lastName: "last name"
        case .fullName: "name"
        case .company: "company name"
        case .email: "e-mail address"
        case .billingEmail: "billing e-mail address"
        case .mobile: "mobile number"
        case .street: "street address"
        case .postalCode: "postal code"
        case .city: "city"
        case .country: "country"
        case .family: "customer family"
        case .type: "customer type"
        case .category: "category"
        case .points: "points"
        case .turnoverGroup: "turnover group"
        case .lastVisit: "last visit date"
        case .vehicleType: "vehicle type"
        case .vehicleBrand: "vehicle brand"
        case .vehicleModel: "vehicle model"
        case .vehiclePlate: "vehicle registration plate"
        case .cardNumber: "customer card"
        case .attribute: "attribute"
        case .shopName: "shop name"
        case .today: "date"
        case .invoiceNumber: "invoice number"
        case .invoiceDate: "invoice date"
        case .companyName: "company name"
        case .contextValue(let key): "value \"\(key)\""
        }
    }

    /// Whether the value belongs to the render rather than the customer: a missing one means
    /// the caller did not pass it in the `RenderContext`.
    var comesFromContext: Bool {
        switch self {
        case .shopName, .today, .invoiceNumber, .invoiceDate, .companyName, .contextValue: true
        default: false
        }
    }
}
