import ArgumentParser
import KassaCore

/// The SELECTION options of SPEC §11, shared by every command that chooses customers.
struct SelectionOptions: ParsableArguments {
    @Option(help: "Customer family (repeatable: any of them).") var family: [String] = []
    @Option(help: "Customer type (repeatable).") var type: [String] = []
    @Option(help: "Category (repeatable).") var category: [String] = []
    @Option(name: .customLong("turnover-group"), help: "Turnover group (repeatable).") var turnoverGroup: [String] = []
    @Option(name: .customLong("vehicle-type"), help: "Vehicle type (repeatable).") var vehicleType: [String] = []
    @Option(name: .customLong("vehicle-brand"), help: "Vehicle brand, exact unless --ignore-case (repeatable).") var vehicleBrand: [String] = []
    @Flag(name: .customLong("ignore-case"), help: "Match vehicle brands ignoring case.") var ignoreCase = false
    @Option(name: .customLong("visited-since"), help: "Visited on or after DATE (YYYY-MM-DD).") var visitedSince: String?
    @Option(name: .customLong("not-visited-since"), help: "Not visited since DATE, or never.") var notVisitedSince: String?
    @Option(help: "Only customers having an email, a mobile or an address (repeatable).") var has: [String] = []
    @Option(name: .customLong("postal-code"), help: "Postal code: CODE, PREFIX* or FROM-TO (repeatable).") var postalCode: [String] = []
    @Option(help: "Locality, ignoring case (repeatable).") var city: [String] = []
    @Option(help: "Countries CC[,CC].") var country: [String] = []
    @Option(name: .customLong("not-country"), help: "Excluded countries CC[,CC].") var notCountry: [String] = []
    @Option(help: "Loyalty points MIN-MAX (either side may be left out).") var points: String?
    @Flag(help: "Only customers with newsletter consent.") var consent = false
    @Flag(help: "Only the marked customers (kassa mark).") var marked = false
    @Option(help: "A custom Lua filter by name (kassa plugins lists them).") var filter: String?
    @Option(help: "A parameter of the filter, KEY=VALUE (repeatable).") var param: [String] = []
    @Option(parsing: .upToNextOption, help: "Customer numbers to leave out.") var exclude: [String] = []
    @Option(help: "marketing (requires consent) or transactional.") var purpose: String?

    /// The selection these options describe; errors quote the option and the bad value.
    func selection() throws -> CustomerSelection {
        var options = CustomerSelection.Options()
        options.family = family
        options.type = type
        options.category = category
        options.turnoverGroup = turnoverGroup
        options.vehicleType = vehicleType
        options.vehicleBrand = vehicleBrand
        options.ignoreCase = ignoreCase
        options.visitedSince = visitedSince
        options.notVisitedSince = notVisitedSince
        options.has = has
        options.postalCode = postalCode
        options.city = city
        options.country = country
        options.notCountry = notCountry
        options.points = points
        options.consent = consent
        options.marked = marked
        options.filter = filter
        options.param = param
        options.exclude = exclude
        options.purpose = purpose
        return try CustomerSelection(options: options)
    }
}
