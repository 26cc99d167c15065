/// A TOML table: keys in the order the document gave them, their values, and where each
/// key was defined so that callers can point at the line of a bad value.
///
/// Two tables are equal when they hold the same keys with equal values; order and
/// locations do not count, as TOML tables are unordered.
public struct TOMLTable: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// The keys, in the order they were first defined.
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    private var keyLocations: [String: TOMLLocation] = [:]

    /// Where the table itself was defined: its `[header]`, its `{`, or the first dotted
    /// key that created it; `nil` for the root table and for tables built in code.
    public internal(set) var location: TOMLLocation?

    /// An empty table.
    public init() {}

    /// A table of `elements` in their order, without locations; for building tables in code.
    public init(dictionaryLiteral elements: (String, TOMLValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The value under `key`. Setting a new key appends it; setting `nil` removes the key.
    public subscript(key: String) -> TOMLValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
                keyLocations[key] = nil
            }
        }
    }

    /// Where `key` was defined (its first part on the line), if the table came from a document.
    public func location(of key: String) -> TOMLLocation? {
        keyLocations[key]
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the table has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// The keys and values as a dictionary, dropping order and locations.
    public var dictionary: [String: TOMLValue] { values }

    /// The keys and values, in document order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: TOMLValue)]> {
        keys.map { (key: $0, value: values[$0]!) }.makeIterator()
    }

    mutating func insert(_ value: TOMLValue, for key: String, at location: TOMLLocation) {
        self[key] = value
        keyLocations[key] = location
    }

    /// Whether both tables hold the same keys with equal values, in any order.
    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.values == rhs.values
    }

    /// The table as an inline TOML table: `{ name = "BASIS", cost = 4.9 }`.
    public var description: String {
        guard !isEmpty else { return "{}" }
        let pairs = keys.map { "\(TOMLValue.keyText($0)) = \(values[$0]!)" }
        return "{ " + pairs.joined(separator: ", ") + " }"
    }
}
