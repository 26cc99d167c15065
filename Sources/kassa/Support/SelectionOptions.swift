import ArgumentParser
import KassaCore

/// The SELECTION options of SPEC §11, shared by every command that chooses customers.
///
/// ArgumentParser declares options as properties, so each criterion of
/// `SelectionCriterion.all` has one here, but its flag and help come from the table and
/// `input()` switches over every criterion: a criterion added to the table does not compile
/// until it has its option. Every list option is repeatable and takes comma lists.
struct SelectionOptions: ParsableArguments {
    private static func name(_ id: SelectionCriterion.ID) -> NameSpecification {
        .customLong(SelectionCriterion[id].kebabName)
    }

    private static func help(_ id: SelectionCriterion.ID) -> ArgumentHelp {
        let criterion = SelectionCriterion[id]
        let placeholder = criterion.valueType.placeholder
        return ArgumentHelp(criterion.fullHelp(spelling: \.flag), valueName: placeholder.isEmpty ? nil : placeholder)
    }

    @Option(name: name(.family), help: help(.family)) var family: [String] = []
    @Option(name: name(.type), help: help(.type)) var type: [String] = []
    @Option(name: name(.category), help: help(.category)) var category: [String] = []
    @Option(name: name(.turnoverGroup), help: help(.turnoverGroup)) var turnoverGroup: [String] = []
    @Option(name: name(.vehicleType), help: help(.vehicleType)) var vehicleType: [String] = []
    @Option(name: name(.vehicleBrand), help: help(.vehicleBrand)) var vehicleBrand: [String] = []
    @Flag(name: name(.ignoreCase), help: help(.ignoreCase)) var ignoreCase = false
    @Option(name: name(.visitedSince), help: help(.visitedSince)) var visitedSince: String?
    @Option(name: name(.notVisitedSince), help: help(.notVisitedSince)) var notVisitedSince: String?
    @Option(name: name(.has), help: help(.has)) var has: [String] = []
    @Option(name: name(.postalCode), help: help(.postalCode)) var postalCode: [String] = []
    @Option(name: name(.city), help: help(.city)) var city: [String] = []
    @Option(name: name(.country), help: help(.country)) var country: [String] = []
    @Option(name: name(.notCountry), help: help(.notCountry)) var notCountry: [String] = []
    @Option(name: name(.points), help: help(.points)) var points: String?
    @Flag(name: name(.consent), help: help(.consent)) var consent = false
    @Flag(name: name(.marked), help: help(.marked)) var marked = false
    @Option(name: name(.filter), help: help(.filter)) var filter: String?
    @Option(help: ArgumentHelp(SelectionCriterion.filterParametersHelp + " Repeatable.", valueName: "KEY=VALUE"))
    var param: [String] = []
    @Option(name: name(.exclude), parsing: .upToNextOption, help: help(.exclude)) var exclude: [String] = []
    @Option(name: name(.purpose), help: help(.purpose)) var purpose: String?

    /// The criteria as given, keyed by criterion.
    func input() -> SelectionInput {
        var input = SelectionInput()
        for id in SelectionCriterion.ID.allCases {
            switch id {
            case .family: input.add(id, family)
            case .type: input.add(id, type)
            case .category: input.add(id, category)
            case .turnoverGroup: input.add(id, turnoverGroup)
            case .vehicleType: input.add(id, vehicleType)
            case .vehicleBrand: input.add(id, vehicleBrand)
            case .ignoreCase: input.set(id, flag: ignoreCase)
            case .visitedSince: input.add(id, visitedSince)
            case .notVisitedSince: input.add(id, notVisitedSince)
            case .has: input.add(id, has)
            case .postalCode: input.add(id, postalCode)
            case .city: input.add(id, city)
            case .country: input.add(id, country)
            case .notCountry: input.add(id, notCountry)
            case .points: input.add(id, points)
            case .consent: input.set(id, flag: consent)
            case .marked: input.set(id, flag: marked)
            case .filter: input.add(id, filter)
            case .exclude: input.add(id, exclude)
            case .purpose: input.add(id, purpose)
            }
        }
        param.forEach { input.addFilterParameter($0) }
        return input
    }

    /// The selection these options describe; errors name the criterion and quote the value.
    func selection() throws -> CustomerSelection {
        try CustomerSelection(input: input())
    }
}
