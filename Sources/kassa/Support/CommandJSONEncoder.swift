import Foundation
import Synchronization

/// The one JSON encoder of every `--json` output, so that the rules hold for every command
/// without a view having to remember them:
/// - keys are snake_case (`excludedCountries` becomes `excluded_countries`); the keys of a
///   `[String: …]` dictionary are data (attribute names, reasons) and stay as they are;
/// - a missing value is `null`, never an omitted key: a script reads `x.email == null`
///   instead of guessing whether the key exists;
/// - one name per concept: a type whose own field names differ from the command line's
///   words conforms to `JSONKeyRenaming` (`attributes` is `attrs`, as in Lua);
/// - days and times are ISO 8601.
///
/// The value is first turned into a tree (`JSONValue`), which `JSONEncoder` then writes with
/// sorted keys: the synthesised `Encodable` code skips a `nil` with `encodeIfPresent`, and
/// only an encoder of one's own can write it as `null` instead.
struct CommandJSONEncoder {
    var pretty = true

    func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(try Self.tree(value))
    }

    /// The value as a JSON tree, keys already converted.
    static func tree(_ value: some Encodable) throws -> JSONValue {
        let slot = TreeSlot()
        try TreeEncoder.encode(value, into: slot, codingPath: [])
        return slot.resolved
    }

    /// The snake_case form of each key met so far: a million customers have the same few
    /// dozen keys, and converting each of them every time is most of the encoding's work.
    private static let converted = Mutex<[String: String]>([:])

    /// `snakeCase(key)`, remembered.
    static func snakeCaseKey(_ key: String) -> String {
        if !key.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) { return key }
        if let known = converted.withLock({ $0[key] }) { return known }
        let snake = snakeCase(key)
        converted.withLock { $0[key] = snake }
        return snake
    }

    /// `excludedByReason` → `excluded_by_reason`, `htmlFile` → `html_file`, `URLPath` → `url_path`;
    /// a key that is snake_case already stays.
    static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { result.append("_") }
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}

/// A type whose JSON keys differ from its field names: `[snake_case field name: key]`.
/// The command line's words win, so that one concept has one name in every command.
protocol JSONKeyRenaming {
    static var jsonKeys: [String: String] { get }
}

/// A JSON document as a tree.
enum JSONValue: Encodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .unsigned(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }
}

/// Where one value of the tree goes; filled by whichever container the value asks for.
private final class TreeSlot {
    var scalar: JSONValue?
    var members: [String: TreeSlot]?
    var elements: [TreeSlot]?

    var resolved: JSONValue {
        if let members { return .object(members.mapValues(\.resolved)) }
        if let elements { return .array(elements.map(\.resolved)) }
        return scalar ?? .null
    }

    func member(_ key: String) -> TreeSlot {
        let slot = TreeSlot()
        members = members ?? [:]
        members?[key] = slot
        return slot
    }

    func element() -> TreeSlot {
        let slot = TreeSlot()
        elements = elements ?? []
        elements?.append(slot)
        return slot
    }
}

/// Marks `[String: V]`, whose keys are data, not field names.
private protocol StringKeyedDictionary {
    func encodeMembers(into slot: TreeSlot, codingPath: [any CodingKey]) throws
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    fileprivate func encodeMembers(into slot: TreeSlot, codingPath: [any CodingKey]) throws {
        slot.members = slot.members ?? [:]
        for (key, value) in self {
            try TreeEncoder.encode(value, into: slot.member(key), codingPath: codingPath + [TreeKey(key)])
        }
    }
}

private struct TreeKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

private struct TreeEncoder: Encoder {
    let slot: TreeSlot
    let codingPath: [any CodingKey]
    let renames: [String: String]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Encodes one value into `slot`, with the types `JSONEncoder` also treats as scalars.
    static func encode(_ value: some Encodable, into slot: TreeSlot, codingPath: [any CodingKey]) throws {
        switch value {
        case let date as Date:
            slot.scalar = .string(date.formatted(.iso8601))
        case let url as URL:
            slot.scalar = .string(url.absoluteString)
        case let decimal as Decimal:
            slot.scalar = .double(NSDecimalNumber(decimal: decimal).doubleValue)
        case let data as Data:
            slot.scalar = .string(data.base64EncodedString())
        case let dictionary as any StringKeyedDictionary:
            try dictionary.encodeMembers(into: slot, codingPath: codingPath)
        default:
            let renames = (type(of: value) as? any JSONKeyRenaming.Type)?.jsonKeys ?? [:]
            try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath, renames: renames))
        }
    }

    static func scalar(_ value: some Encodable, codingPath: [any CodingKey]) throws -> JSONValue {
        switch value {
        case let value as Bool: return .bool(value)
        case let value as String: return .string(value)
        case let value as Double:
            guard value.isFinite else { throw nonFinite(value, codingPath) }
            return .double(value)
        case let value as Float:
            guard value.isFinite else { throw nonFinite(value, codingPath) }
            return .double(Double(value))
        case let value as any SignedInteger: return .integer(Int64(value))
        case let value as any UnsignedInteger: return .unsigned(UInt64(value))
        default:
            let slot = TreeSlot()
            try encode(value, into: slot, codingPath: codingPath)
            return slot.resolved
        }
    }

    private static func nonFinite(_ value: Any, _ codingPath: [any CodingKey]) -> EncodingError {
        EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) cannot be written in JSON"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.members == nil { slot.members = [:] }
        return KeyedEncodingContainer(KeyedContainer<Key>(slot: slot, codingPath: codingPath, renames: renames))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.elements == nil { slot.elements = [] }
        return UnkeyedContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(slot: slot, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: TreeSlot
    let codingPath: [any CodingKey]
    let renames: [String: String]

    private func name(_ key: Key) -> String {
        let snake = CommandJSONEncoder.snakeCaseKey(key.stringValue)
        return renames[snake] ?? snake
    }

    mutating func encodeNil(forKey key: Key) throws { slot.member(name(key)).scalar = .null }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        slot.member(name(key)).scalar = try TreeEncoder.scalar(value, codingPath: codingPath + [key])
    }

    // The synthesised code writes an optional with these; a nil becomes `null`.
    private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        guard let value else { return try encodeNil(forKey: key) }
        try encode(value, forKey: key)
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: slot.member(name(key)), codingPath: codingPath + [key], renames: [:]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(slot: slot.member(name(key)), codingPath: codingPath + [key], renames: [:]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(slot: slot.member(name(key)), codingPath: codingPath + [key], renames: [:])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let slot: TreeSlot
    let codingPath: [any CodingKey]
    var count: Int { slot.elements?.count ?? 0 }

    private var nextKey: TreeKey { TreeKey(intValue: count)! }

    mutating func encodeNil() throws { slot.element().scalar = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = nextKey
        slot.element().scalar = try TreeEncoder.scalar(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        return TreeEncoder(slot: slot.element(), codingPath: codingPath + [key], renames: [:]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        return TreeEncoder(slot: slot.element(), codingPath: codingPath + [key], renames: [:]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let key = nextKey
        return TreeEncoder(slot: slot.element(), codingPath: codingPath + [key], renames: [:])
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let slot: TreeSlot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.scalar = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        slot.scalar = try TreeEncoder.scalar(value, codingPath: codingPath)
    }
}
