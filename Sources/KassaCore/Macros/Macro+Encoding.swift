extension Macro {
    /// Writes `actions` as a macro string in canonical form: the inverse of `parse`.
    ///
    /// Typed text is escaped with `escape(_:)`. Names are written as given: an invalid name
    /// gives a string that does not parse (use `Macro(actions:)` to be told).
    public static func encode(_ actions: [MacroStep.Action]) -> String {
        var text = ""
        for action in actions {
            switch action {
            case .openMenu(let name): text += "##MENU#\(name)#"
            case .runFunction(let code): text += "#\(code)#"
            case .confirm: text += "¤"
            case .type(let literal): text += escape(literal)
            }
        }
        return text
    }

    /// Writes the steps of a parsed macro back as a macro string (positions are ignored).
    public static func encode(_ steps: [MacroStep]) -> String {
        encode(steps.map(\.action))
    }

    /// `literal` as macro text that types it: `\`, `#` and `¤` are escaped with a backslash.
    public static func escape(_ literal: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in literal.unicodeScalars {
            if scalar == "\\" || scalar == "#" || scalar == "¤" {
                escaped.append("\\")
            }
            escaped.append(scalar)
        }
        return String(escaped)
    }
}
