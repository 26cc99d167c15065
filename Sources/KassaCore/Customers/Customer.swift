import Foundation

/// One customer of the shop: every field the back-office workflows need (SPEC §1).
///
/// Field names in Lua, CSV headers and the store use the snake_case keys of
/// `Customer.Field`; this struct is the Swift view of the same record.
public struct Customer: Sendable, Hashable, Codable {
    /// The customer number ("Kundnr", "Klantnummer"): the shop's key, never the phone.
    public var number: String
    public var firstName: String?
    public var lastName: String?
    /// The company name, when the customer is a company.
    public var company: String?
    public var isCompany: Bool
    /// The main e-mail address.
    public var email: String?
    /// The address of the "financial" tab: invoices go here when present.
    public var billingEmail: String?
    /// Further contact addresses (003: main, billing, contacts).
    public var contactEmails: [String]
    /// Mobile number in E.164 (`+46701234567`).
    public var mobile: String?
    public var street: String?
    public var postalCode: String?
    /// The locality ("ort", "plaats", "ville").
    public var city: String?
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String?
    /// Customer family or group.
    public var family: String?
    public var type: String?
    public var category: String?
    /// Loyalty points not yet paid out.
    public var points: Int
    /// "Omzetgroep": the turnover group.
    public var turnoverGroup: String?
    /// Consent to marketing mail and SMS ("Nyhetsutskick", "Accepte les emails promotionnels").
    public var newsletter: Bool
    /// When the consent was given, if known.
    public var newsletterAt: Date?
    /// Whether order status mails go to this customer (002).
    public var receivesStatusMails: Bool
    public var lastVisit: CalendarDate?
    public var vehicles: [Vehicle]
    public var cards: [CustomerCard]
    /// Free-form attributes a reseller's filter may read as `c.attrs.KEY`.
    public var attributes: [String: String]

    public init(
        number: String,
        firstName: String? = nil,
        lastName: String? = nil,
        company: String? = nil,
        isCompany: Bool = false,
        email: String? = nil,
        billingEmail: String? = nil,
        contactEmails: [String] = [],
        mobile: String? = nil,
        street: String? = nil,
        postalCode: String? = nil,
        city: String? = nil,
        country: String? = nil,
        family: String? = nil,
        type: String? = nil,
        category: String? = nil,
        points: Int = 0,
        turnoverGroup: String? = nil,
        newsletter: Bool = false,
        newsletterAt: Date? = nil,
        receivesStatusMails: Bool = false,
        lastVisit: CalendarDate? = nil,
        vehicles: [Vehicle] = [],
        cards: [CustomerCard] = [],
        attributes: [String: String] = [:]
    ) {
        self.number = number
        self.firstName = firstName
        self.lastName = lastName
        self.company = company
        self.isCompany = isCompany
        self.email = email
        self.billingEmail = billingEmail
        self.contactEmails = contactEmails
        self.mobile = mobile
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.country = country
        self.family = family
        self.type = type
        self.category = category
        self.points = points
        self.turnoverGroup = turnoverGroup
        self.newsletter = newsletter
        self.newsletterAt = newsletterAt
        self.receivesStatusMails = receivesStatusMails
        self.lastVisit = lastVisit
        self.vehicles = vehicles
        self.cards = cards
        self.attributes = attributes
    }
}

/// A vehicle a customer owns (bike shops, garages: 001's "fordonstyp", "märke").
public struct Vehicle: Sendable, Hashable, Codable {
    public var type: String?
    public var brand: String?
    public var model: String?
    public var plate: String?

    public init(type: String? = nil, brand: String? = nil, model: String? = nil, plate: String? = nil) {
        self.type = type
        self.brand = brand
        self.model = model
        self.plate = plate
    }
}

extension Customer {
    /// The snake_case names of the scalar customer fields: the keys used by Lua (`c.first_name`),
    /// by CSV column mapping (`--map Kundnr=number`) and by the store's columns.
    public enum Field: String, Sendable, CaseIterable, Codable {
        case number
        case firstName = "first_name"
        case lastName = "last_name"
        case company
        case isCompany = "is_company"
        case email
        case billingEmail = "billing_email"
        case contactEmails = "contact_emails"
        case mobile
        case street
        case postalCode = "postal_code"
        case city
        case country
        case family
        case type
        case category
        case points
        case turnoverGroup = "turnover_group"
        case newsletter
        case newsletterAt = "newsletter_at"
        case receivesStatusMails = "receives_status_mails"
        case lastVisit = "last_visit"
    }
}
