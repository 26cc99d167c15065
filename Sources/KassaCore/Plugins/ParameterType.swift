import Foundation

/// The declared type of a parameter of a filter or a menu (`params = { brand = "string" }`).
public enum ParameterType: String, Sendable, Hashable, Codable, CaseIterable {
    case string, number, integer, boolean, date

    /// Converts the text given on the command line (`--param since=2026-01-01`).
    public func parse(_ text: String, name: String) throws(PluginError) -> ParameterValue {
        switch self {
        case .string:
            return .string(text)
        case .number:
            guard let number = Double(text.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
                throw PluginError(.invalidParameter, "Parameter \"\(name)\" must be a number, not \"\(text)\"")
            }
            return .number(number)
        case .integer:
            guard let integer = Int(text) else {
                throw PluginError(.invalidParameter, "Parameter \"\(name)\" must be a whole number, not \"\(text)\"")
            }
            return .integer(integer)
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "1", "ja", "oui", "on": return .boolean(true)
            case "false", "no", "0", "nej", "nee", "nein", "non", "off": return .boolean(false)
            default:
                throw PluginError(.invalidParameter, "Parameter \"\(name)\" must be true or false, not \"\(text)\"")
            }
        case .date:
            guard let date = CalendarDate(text) else {
                throw PluginError(.invalidParameter, "Parameter \"\(name)\" must be a date as YYYY-MM-DD, not \"\(text)\"")
            }
            return .date(date)
        }
    }
}

/// A parameter value after its type was checked.
public enum ParameterValue: Sendable, Hashable, Codable {
    case string(String)
    case number(Double)
    case integer(Int)
    case boolean(Bool)
    case date(CalendarDate)
}

/// A declared parameter.
public struct ParameterSpec: Sendable, Hashable, Codable {
    public var name: String
    public var type: ParameterType

    public init(name: String, type: ParameterType) {
        self.name = name
        self.type = type
    }
}

extension Array where Element == ParameterSpec {
    /// Checks and converts `--param KEY=VALUE` texts against these declarations: every declared
    /// parameter must be given, and nothing undeclared. `owner` names the filter or menu.
    public func parse(_ texts: [String: String], owner: String) throws(PluginError) -> [String: ParameterValue] {
        var values: [String: ParameterValue] = [:]
        for (key, _) in texts where !contains(where: { $0.name == key }) {
            let known = map(\.name).sorted().joined(separator: ", ")
            throw PluginError(.invalidParameter, "\(owner) has no parameter \"\(key)\"" + (known.isEmpty ? "" : " (it takes: \(known))"))
        }
        for spec in self {
            guard let text = texts[spec.name] else {
                throw PluginError(.invalidParameter, "\(owner) needs the parameter \"\(spec.name)\" (\(spec.type.rawValue)): add --param \(spec.name)=VALUE")
            }
            values[spec.name] = try spec.type.parse(text, name: spec.name)
        }
        return values
    }
}
