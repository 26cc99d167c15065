import KassaTesting
import KassaCore
import Testing

@Suite("Macro fuzzing")
struct MacroFuzzTests {
    /// Rich in the characters that matter to the parser, and in ones that make positions hard.
    private static let pieces: [String] = [
        "#", "#", "#", "##", "¤", "¤", "\\", "\\", "MENU", "MENU#", "##MENU#", "KLUT",
        "a", "Z", "_", "0", " ", "\n", "é", "å", "😀", "🇸🇪", "\u{301}", "e\u{301}", "\u{A4}\u{301}", "中",
    ]

    @Test("Random strings never crash the parser: each parses (and re-encodes to itself) or fails with a position inside the text")
    func randomStrings() {
        var random = SeededRandom(seed: 0xFACE_0042)
        var failures: [String] = []
        var parsed = 0

        for _ in 0..<40_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                text += Self.pieces.randomElement(using: &random)!
            }
            let length = text.count
            do {
                let macro = try Macro.parse(text)
                parsed += 1
                if Array(Macro.encode(macro.steps).unicodeScalars) != Array(text.unicodeScalars) {
                    failures.append("re-encoding changed \(text.debugDescription)")
                }
                let positions = macro.steps.map(\.position)
                if positions != positions.sorted() || positions.contains(where: { !(1...length).contains($0) }) {
                    failures.append("positions \(positions) out of order or range in \(text.debugDescription)")
                }
                for (step, next) in zip(macro.steps, macro.steps.dropFirst()) {
                    if case .type = step.action, case .type = next.action {
                        failures.append("adjacent text steps in \(text.debugDescription)")
                    }
                }
                if macro.steps.contains(where: { $0.action == .type("") }) {
                    failures.append("empty text step in \(text.debugDescription)")
                }
            } catch {
                if let position = error.position {
                    if !(1...max(length, 1)).contains(position) {
                        failures.append("error position \(position) outside \(text.debugDescription)")
                    }
                } else if error.code != .empty {
                    failures.append("no position for \(error.code) in \(text.debugDescription)")
                }
                if error.message.unicodeScalars.contains("\n") || !error.message.unicodeScalars.starts(with: "Macro \"".unicodeScalars) {
                    failures.append("bad message \(error.message.debugDescription)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        // The alphabet must make both outcomes common, or the test proves little.
        #expect(parsed > 4_000 && parsed < 36_000, "parsed \(parsed) of 40000")
    }

    private static let nameCharacters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
    private static let textPieces: [String] = [
        "#", "¤", "\\", "##MENU#X#", "a", " ", "\n", "å", "😀", "\u{301}", "e\u{301}", "\\#", "MENU",
    ]

    private static func randomAction(using random: inout SeededRandom) -> MacroStep.Action {
        func name() -> String {
            String((0..<Int.random(in: 1...10, using: &random)).map { _ in nameCharacters.randomElement(using: &random)! })
        }
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return .openMenu(name())
        case 1: return .runFunction(name())
        case 2: return .confirm
        default:
            var text = ""
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                text += textPieces.randomElement(using: &random)!
            }
            return .type(text)
        }
    }

    /// Adjacent texts become one step when parsed.
    private static func merged(_ actions: [MacroStep.Action]) -> [MacroStep.Action] {
        var result: [MacroStep.Action] = []
        for action in actions {
            if case .type(let text) = action, case .type(let previous)? = result.last {
                result[result.count - 1] = .type(previous + text)
            } else {
                result.append(action)
            }
        }
        return result
    }

    @Test("Random valid step lists round-trip through encode and parse, with positions at their steps")
    func randomStepListsRoundTrip() throws {
        var random = SeededRandom(seed: 0xB0_77_0A5)
        var failures: [String] = []
        for _ in 0..<10_000 {
            let actions = (0..<Int.random(in: 1...8, using: &random)).map { _ in Self.randomAction(using: &random) }
            let text = Macro.encode(actions)
            let macro: Macro
            do {
                macro = try Macro.parse(text)
            } catch {
                failures.append("\(actions) did not parse: \(error)")
                continue
            }
            if macro.steps.map(\.action) != Self.merged(actions) {
                failures.append("\(actions) came back as \(macro.steps.map(\.action))")
                continue
            }
            // Each step's position is the Character holding its first written scalar.
            let characters = Array(text)
            for step in macro.steps {
                let first: Unicode.Scalar = Macro.encode([step.action]).unicodeScalars.first!
                if !characters[step.position - 1].unicodeScalars.contains(first) {
                    failures.append("\(step) in \(text.debugDescription) is not at its position")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }
}
