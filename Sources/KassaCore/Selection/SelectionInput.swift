/// The criteria of a selection as a front end received them, as text, keyed by criterion:
/// what the command line, a Lua table or a menu's parameters hand to
/// `CustomerSelection(input:)`, which checks every value the same way for all of them.
public struct SelectionInput: Sendable, Hashable {
    /// The texts given per criterion, in order; a flag that is on holds `["true"]`.
    public private(set) var values: [SelectionCriterion.ID: [String]] = [:]
    /// The custom filter's parameters as `KEY=VALUE` texts, in order.
    public private(set) var filterParameters: [String] = []

    /// No criteria: every customer.
    public init() {}

    /// Adds texts to a criterion (a repeated option). A list criterion splits each text at
    /// commas later; any other keeps the last text given.
    public mutating func add(_ id: SelectionCriterion.ID, _ texts: [String]) {
        guard !texts.isEmpty else { return }
        if SelectionCriterion[id].valueType.isList {
            values[id, default: []].append(contentsOf: texts)
        } else {
            values[id] = [texts.last!]
        }
    }

    /// Adds one text to a criterion.
    public mutating func add(_ id: SelectionCriterion.ID, _ text: String?) {
        if let text { add(id, [text]) }
    }

    /// Turns a flag criterion on or off.
    public mutating func set(_ id: SelectionCriterion.ID, flag: Bool) {
        values[id] = flag ? ["true"] : nil
    }

    /// Adds a `KEY=VALUE` parameter for the custom filter.
    public mutating func addFilterParameter(_ pair: String) {
        filterParameters.append(pair)
    }

    /// Adds a parameter for the custom filter.
    public mutating func addFilterParameter(key: String, value: String) {
        filterParameters.append("\(key)=\(value)")
    }
}
