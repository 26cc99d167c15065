/// A TOML table: keys, their values, and, for a table read from a document, the line where
/// each key was defined, so that callers can point at the line of a bad value.
///
/// Two tables are equal when they hold the same keys with equal values; order and lines do
/// not count, as TOML tables are unordered.
public struct TOMLTable: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// The keys: in the order they were set for a table built in code, by name for a table
    /// read from a document (TOMLKit keeps no other order).
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    /// The table's place in its document, and the document's lines; empty and `nil` for a
    /// table built in code.
    private var path: [TOMLPathStep] = []
    private var index: TOMLLineIndex?

    /// An empty table.
    public init() {}

    /// A table of `elements` in their order, without lines; for building tables in code.
    public init(dictionaryLiteral elements: (String, TOMLValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// An empty table at `path` of the document `index` knows the lines of.
    init(path: [TOMLPathStep], index: TOMLLineIndex) {
        self.path = path
        self.index = index
    }

    /// The value under `key`. Setting a new key appends it; setting `nil` removes the key.
    public subscript(key: String) -> TOMLValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Where the table itself was defined: its `[header]`, its `{`, or the first dotted key
    /// that created it; `nil` for the root table and for tables built in code.
    public var line: Int? {
        path.isEmpty ? nil : index?.line(of: path)
    }

    /// The line that defined `key` (for a value on several lines, its first), if the table
    /// came from a document.
    public func line(of key: String) -> Int? {
        guard values[key] != nil else { return nil }
        return index?.line(of: path + [.key(key)])
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the table has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// The keys and values as a dictionary, dropping order and lines.
    public var dictionary: [String: TOMLValue] { values }

    /// The keys and values, in the order of `keys`.
    public func makeIterator() -> IndexingIterator<[(key: String, value: TOMLValue)]> {
        keys.map { (key: $0, value: values[$0]!) }.makeIterator()
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
