/// A custom filter: a predicate over customers that SQL cannot express, such as a
/// reseller's Lua `kassa.filter { match = ... }`.
///
/// KassaCore has no Lua; the scripting layer implements this protocol. The selection
/// runner calls `matches` with the rows the built-in criteria already chose, a batch at a
/// time and in customer-number order, so a filter never sees the whole register at once.
/// Implementations need not be thread-safe: one runner calls one filter from one thread.
public protocol CustomerFilter {
    /// For each customer of `batch`, whether it passes the filter: exactly one answer per
    /// customer, in the same order. Throwing stops the whole selection with that error.
    func matches(_ batch: [Customer]) throws -> [Bool]

    /// `matches(_:)` over customers read without their lists (contact e-mails, vehicles,
    /// cards, attributes); `whole` reads the batch again with them, in the same order. A
    /// filter that reads no list never pays for them. The default reads them first.
    func matches(_ batch: [Customer], whole: () throws -> [Customer]) throws -> [Bool]
}

extension CustomerFilter {
    public func matches(_ batch: [Customer], whole: () throws -> [Customer]) throws -> [Bool] {
        try matches(whole())
    }
}

/// Finds custom filters by name: the registry of filters from Lua and native plugins.
public protocol CustomerFilterProvider {
    /// The filter called `name`, ready to run with `parameters`.
    ///
    /// Throws when there is no such filter or the parameters do not suit it (a missing
    /// parameter, a date that is not a date); the error should name the filter and the
    /// parameter.
    func filter(named name: String, parameters: [String: String]) throws -> any CustomerFilter
}

/// The custom filter a selection asks for: a filter name and its parameters, as given on
/// the command line (`--filter volvo_owners --param brand=Volvo`). Values stay text; the
/// filter's declaration says how to read them.
public struct CustomFilterReference: Sendable, Hashable, Codable {
    /// The filter's registered name.
    public var name: String
    /// Parameter values by parameter name.
    public var parameters: [String: String]

    public init(name: String, parameters: [String: String] = [:]) {
        self.name = name
        self.parameters = parameters
    }
}
