/// Reads a macro string into steps, by Unicode scalar (see `Macro` for the rules).
struct MacroParser {
    private let text: String
    private let button: String?
    private var scalars: [Unicode.Scalar] = []
    /// For each scalar, the 1-based position of the Character that holds it.
    private var positions: [Int] = []
    private var index = 0

    init(text: String, button: String?) {
        self.text = text
        self.button = button
        for (offset, character) in text.enumerated() {
            for scalar in character.unicodeScalars {
                scalars.append(scalar)
                positions.append(offset + 1)
            }
        }
    }

    mutating func parse() throws(MacroError) -> [MacroStep] {
        guard !scalars.isEmpty else { throw error(.empty) }

        var steps: [MacroStep] = []
        var literal = String.UnicodeScalarView()
        var literalPosition: Int?

        func flushLiteral() {
            if let position = literalPosition {
                steps.append(MacroStep(.type(String(literal)), at: position))
                literal.removeAll()
                literalPosition = nil
            }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else {
                    throw error(.danglingEscape(at: positions[index]))
                }
                let escaped = scalars[index + 1]
                guard escaped == "\\" || escaped == "#" || escaped == "¤" else {
                    throw error(.unknownEscape(escaped, at: positions[index]))
                }
                literalPosition = literalPosition ?? positions[index]
                literal.append(escaped)
                index += 2
            case "¤":
                flushLiteral()
                steps.append(MacroStep(.confirm, at: positions[index]))
                index += 1
            case "#":
                flushLiteral()
                steps.append(try parseCommand())
            default:
                literalPosition = literalPosition ?? positions[index]
                literal.append(scalar)
                index += 1
            }
        }
        flushLiteral()
        return steps
    }

    /// Parses `##MENU#Name#` or `#CODE#`, `index` being at the first `#`.
    private mutating func parseCommand() throws(MacroError) -> MacroStep {
        let start = index
        index += 1
        guard index < scalars.count, scalars[index] == "#" else {
            let code = try parseName(.function, openedAt: positions[start])
            return MacroStep(.runFunction(code), at: positions[start])
        }

        index += 1
        let wordStart = index
        while index < scalars.count, Macro.isNameScalar(scalars[index]) {
            index += 1
        }
        let word = String(String.UnicodeScalarView(scalars[wordStart..<index]))
        guard word == "MENU" else {
            let position = word.isEmpty ? positions[start] : positions[wordStart]
            throw error(.unknownDirective(word, at: position))
        }
        guard index < scalars.count else {
            throw error(.unterminatedMenu(at: positions[start]))
        }
        guard scalars[index] == "#" else {
            throw error(.missingMenuSeparator(found: scalars[index], at: positions[index], menuAt: positions[start]))
        }
        let opening = index
        index += 1
        let name = try parseName(.menu, openedAt: positions[opening])
        return MacroStep(.openMenu(name), at: positions[start])
    }

    /// Reads a name up to its closing `#` (consumed), `index` being just after the opening `#`.
    private mutating func parseName(_ kind: MacroError.NameKind, openedAt opening: Int) throws(MacroError) -> String {
        let nameStart = index
        while index < scalars.count, Macro.isNameScalar(scalars[index]) {
            index += 1
        }
        guard index < scalars.count else {
            throw error(.unterminatedName(kind, openedAt: opening))
        }
        guard scalars[index] == "#" else {
            throw error(.invalidCharacter(scalars[index], at: positions[index], in: kind, openedAt: opening))
        }
        guard index > nameStart else {
            throw error(.emptyName(kind, openedAt: opening))
        }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
        index += 1
        return name
    }

    private func error(_ problem: MacroError.Problem) -> MacroError {
        MacroError(problem, macro: text, button: button)
    }
}
