/// Which customers a workflow works on: the built-in criteria of "Kundurval" (001) and
/// "Création d'une liste de client" (003), plus an optional custom filter.
///
/// Every criterion is optional; the ones that are set must all hold (AND). A criterion
/// that takes a list (families, cities, countries, …) accepts a customer matching any of
/// its entries (OR within the list). The empty selection takes every customer.
///
/// Built-in criteria compile to one parameterised SQL query in the store; the custom
/// filter runs afterwards, in Swift or Lua, on the rows SQL chose (`CustomerStore.select`).
///
/// Rules worth knowing:
/// - **Text criteria** (family, type, category, turnover group, vehicle type, vehicle brand)
///   compare exactly, case and accents included, as the source products do;
///   `vehicleBrandIgnoresCase` makes the brand comparison ignore case by the Unicode rules
///   ("škoda" finds "Škoda") but not accents, exactly as `c:owns` in Lua. Cities always
///   compare that way. `SelectionCriterion.Comparison` names the two rules.
/// - **Lists**: every list criterion reads comma-separated values and repeated values
///   alike (`SelectionInput`).
/// - **Vehicle type and brand** together mean one vehicle of that type *and* brand.
/// - **Visits**: `visitedSince` takes customers whose last visit is on or after the date;
///   `notVisitedSince` takes those whose last visit is before it, and those who never
///   visited (a customer without a last visit has not visited since any date).
/// - **Contact**: `.address` means street, postal code and city are all present; `.email`
///   means the main e-mail address (not the billing or contact addresses); `.mobile` the
///   mobile number. Blank values count as absent.
/// - **Countries**: `excludedCountries` keeps customers without a country.
/// - **Purpose**: `.marketing` always requires newsletter consent, whatever else the
///   selection or its custom filter says (GDPR, 001).
public struct CustomerSelection: Sendable, Hashable, Codable {
    /// What a selection is for; marketing needs consent.
    public enum Purpose: String, Sendable, Hashable, Codable, CaseIterable {
        /// Offers, newsletters: only customers with newsletter consent.
        case marketing
        /// Invoices, order status: no marketing consent needed.
        case transactional
    }

    /// Contact data a customer must have (`--has`).
    public enum Requirement: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// A main e-mail address.
        case email
        /// A mobile number.
        case mobile
        /// Street, postal code and city.
        case address

        public static func < (lhs: Requirement, rhs: Requirement) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Customer families (groups) to take; empty for any.
    public var families: [String] = []
    /// Customer types to take; empty for any.
    public var types: [String] = []
    /// Categories to take; empty for any.
    public var categories: [String] = []
    /// Turnover groups ("omzetgroepen") to take; empty for any.
    public var turnoverGroups: [String] = []
    /// Customers owning a vehicle of one of these types; empty for any.
    public var vehicleTypes: [String] = []
    /// Customers owning a vehicle of one of these brands; empty for any.
    public var vehicleBrands: [String] = []
    /// Whether `vehicleBrands` ignore case (`--ignore-case`).
    public var vehicleBrandIgnoresCase = false
    /// Customers whose last visit is on or after this day.
    public var visitedSince: CalendarDate?
    /// Customers whose last visit is before this day, or who never visited.
    public var notVisitedSince: CalendarDate?
    /// Contact data every chosen customer must have.
    public var requirements: Set<Requirement> = []
    /// Postal codes to take (any of them); empty for any.
    public var postalCodes: [PostalCodeCriterion] = []
    /// Cities (localities) to take, case-insensitively; empty for any.
    public var cities: [String] = []
    /// ISO country codes to take (any case); empty for any.
    public var countries: [String] = []
    /// ISO country codes to leave out (any case); customers without a country stay in.
    public var excludedCountries: [String] = []
    /// The loyalty points a customer must have.
    public var points: PointsRange?
    /// Only customers with newsletter consent (`--consent`).
    public var requiresConsent = false
    /// Only customers in the persistent manual selection (`--marked`).
    public var markedOnly = false
    /// Only companies (`true`), only private persons (`false`), or both (`nil`).
    public var isCompany: Bool?
    /// Customer numbers to leave out ("select all, then deselect some", 000).
    public var excludedNumbers: [String] = []
    /// Only these customers, when set: the customers of a cheque batch, a list made
    /// elsewhere. Not a command-line option.
    public var onlyNumbers: [String]?
    /// What the selection is for; `.marketing` adds the consent requirement.
    public var purpose: Purpose?
    /// A named custom filter that chosen customers must also pass.
    public var customFilter: CustomFilterReference?

    /// The selection of every customer; set properties to narrow it.
    public init() {}

    /// Whether newsletter consent is required: asked for, or implied by `.marketing`.
    public var effectiveRequiresConsent: Bool {
        requiresConsent || purpose == .marketing
    }
}
