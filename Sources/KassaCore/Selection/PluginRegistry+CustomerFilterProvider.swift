/// The plugin registry serves the custom filters of selections: Lua and native filters
/// alike, their `--param` texts checked against the filter's declared parameters.
extension PluginRegistry: CustomerFilterProvider {
    /// The registered filter `name`, bound to `parameters` converted to their declared
    /// types. Throws `PluginError` for an unknown filter, a missing or undeclared
    /// parameter, or a value of the wrong type.
    public func filter(named name: String, parameters: [String: String]) throws -> any CustomerFilter {
        let definition = try filter(named: name)
        let values = try definition.parameters.parse(parameters, owner: "The filter \"\(name)\"")
        return BoundCustomerFilter(implementation: definition.implementation, parameters: values)
    }
}

/// A registered filter implementation with its parameter values.
struct BoundCustomerFilter: CustomerFilter {
    let implementation: any FilterImplementation
    let parameters: [String: ParameterValue]

    func matches(_ batch: [Customer]) throws -> [Bool] {
        try implementation.matches(batch, parameters: parameters)
    }

    func matches(_ batch: [Customer], whole: () throws -> [Customer]) throws -> [Bool] {
        try implementation.matches(batch, whole: whole, parameters: parameters)
    }
}
