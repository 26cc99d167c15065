/// One value of a TOML document.
///
/// Dates and times keep their text, normalised to RFC 3339 (`T` between date and time,
/// an upper-case `Z`), in a case per kind: callers decide what a local time means.
public enum TOMLValue: Sendable, Equatable {
    /// Text, from any of the four string forms, escapes resolved.
    case string(String)
    /// A whole number; TOML integers are 64-bit.
    case integer(Int64)
    /// A binary64 float, including `inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// An instant: `1979-05-27T07:32:00Z`, `1979-05-27T00:32:00.999999-07:00`.
    case offsetDateTime(String)
    /// A date and time without an offset: `1979-05-27T07:32:00`.
    case localDateTime(String)
    /// A day: `1979-05-27`.
    case localDate(String)
    /// A time of day: `07:32:00`, `00:32:00.999999`.
    case localTime(String)
    /// A static array `[…]` or an array of tables `[[…]]`.
    case array([TOMLValue])
    /// A `[header]` table, an inline table `{…}`, or a table made by dotted keys.
    case table(TOMLTable)

    /// The text of a `.string`; `nil` for every other case.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number of an `.integer`; `nil` for every other case.
    public var integerValue: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// The number of a `.float`, or of an `.integer` as a `Double`; `nil` otherwise.
    public var doubleValue: Double? {
        switch self {
        case .float(let number): return number
        case .integer(let number): return Double(number)
        default: return nil
        }
    }

    /// The flag of a `.boolean`; `nil` for every other case.
    public var booleanValue: Bool? {
        if case .boolean(let flag) = self { return flag }
        return nil
    }

    /// The elements of an `.array`; `nil` for every other case.
    public var arrayValue: [TOMLValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The table of a `.table`; `nil` for every other case.
    public var tableValue: TOMLTable? {
        if case .table(let table) = self { return table }
        return nil
    }

    /// The value under `key` when this is a table.
    public subscript(key: String) -> TOMLValue? {
        tableValue?[key]
    }

    /// The kind of value with its article, for messages: `a string`, `an integer`, `a table`.
    public var kindDescription: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .offsetDateTime: return "a date-time with an offset"
        case .localDateTime: return "a local date-time"
        case .localDate: return "a date"
        case .localTime: return "a time"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}

extension TOMLValue: CustomStringConvertible {
    /// The value written as TOML, as a user would type it: `"fast"`, `2.5`, `[1, 2]`,
    /// `{ name = "BASIS" }`.
    public var description: String {
        switch self {
        case .string(let text): return TOMLValue.quoted(text)
        case .integer(let number): return String(number)
        case .float(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .offsetDateTime(let text), .localDateTime(let text), .localDate(let text), .localTime(let text):
            return text
        case .array(let elements):
            return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .table(let table):
            return table.description
        }
    }

    /// `text` as a TOML basic string, escaped where TOML requires it.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}":
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `key` as TOML writes it: bare when it can be, quoted otherwise.
    static func keyText(_ key: String) -> String {
        isBareKey(key) ? key : quoted(key)
    }

    /// A dotted key path as TOML writes it: `fruit.apple`, `dog."tater.man"`.
    static func keyPathText(_ path: [String]) -> String {
        path.map(keyText).joined(separator: ".")
    }

    /// A key path for a sentence: `"name"` for bare keys, else the quoted TOML form.
    static func keyDisplay(_ path: [String]) -> String {
        let text = keyPathText(path)
        return path.allSatisfy(isBareKey) ? "\"\(text)\"" : text
    }

    /// Whether `key` may be written without quotes: ASCII letters, digits, `_` and `-`.
    static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
