/// A Lua value on the Swift side.
///
/// Scalars and strings are copied; tables are copied as `LuaTable` (their array part and
/// their keyed fields); functions and every other object stay in Lua and are held by
/// reference.
public enum LuaValue {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case table(LuaTable)
    case function(LuaFunction)
    /// A live Lua object kept by identity: a table handed out as a `LuaReference`, a userdata, a thread.
    case reference(LuaReference)

    /// The Lua type name: `nil`, `boolean`, `number`, `string`, `table`, `function`, `userdata`.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .table: return "table"
        case .function: return "function"
        case .reference(let reference): return reference.typeName
        }
    }

    /// Lua's truthiness: everything but `nil` and `false` is true.
    public var isTruthy: Bool {
        switch self {
        case .nil, .boolean(false): return false
        default: return true
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var tableValue: LuaTable? { if case .table(let t) = self { return t } else { return nil } }
    public var functionValue: LuaFunction? { if case .function(let f) = self { return f } else { return nil } }
    public var boolValue: Bool? { if case .boolean(let b) = self { return b } else { return nil } }
    /// Integers, and floats with an exact integer value.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d) where d.rounded() == d && abs(d) < 9.2e18: return Int64(d)
        default: return nil
        }
    }
    public var numberValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .table(LuaTable(array: elements)) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .table(LuaTable(fields: Dictionary(elements, uniquingKeysWith: { _, last in last })))
    }
}

extension LuaValue: Equatable {
    /// Values are equal as Lua's raw equality sees them; references compare by identity.
    public static func == (lhs: LuaValue, rhs: LuaValue) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil): return true
        case let (.boolean(a), .boolean(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.integer(a), .number(b)), let (.number(b), .integer(a)): return Double(a) == b
        case let (.string(a), .string(b)): return a == b
        case let (.table(a), .table(b)): return a == b
        case let (.function(a), .function(b)): return a === b
        case let (.reference(a), .reference(b)): return a === b
        default: return false
        }
    }
}

/// A copy of a Lua table: the sequence `1...n` as `array`, string keys as `fields`, other
/// integer keys as `indexed`.
public struct LuaTable: Equatable {
    public var array: [LuaValue]
    public var fields: [String: LuaValue]
    public var indexed: [Int64: LuaValue]

    public init(array: [LuaValue] = [], fields: [String: LuaValue] = [:], indexed: [Int64: LuaValue] = [:]) {
        self.array = array
        self.fields = fields
        self.indexed = indexed
    }

    public subscript(key: String) -> LuaValue {
        get { fields[key] ?? .nil }
        set { fields[key] = newValue == .nil ? nil : newValue }
    }

    public subscript(index: Int) -> LuaValue {
        get { index >= 1 && index <= array.count ? array[index - 1] : (indexed[Int64(index)] ?? .nil) }
    }

    public var isEmpty: Bool { array.isEmpty && fields.isEmpty && indexed.isEmpty }
}
