import KassaTesting
@testable import KassaCore
import Testing

@Suite("Placeholder template fuzzing")
struct PlaceholderFuzzTests {
    /// Rich in what matters to the compiler, and in characters that make columns hard.
    private static let pieces: [String] = [
        "#", "#", "#", "##", "|", "<", ">", "<", ".", "FORNAMN", "förnamn", "POANG", "NUMFACT", "ATTR", "ATTR.", "shoe_size",
        "FORNAME", "x", "Z", "B", "_", "1", " ", " ", "\n", "\r\n", "\r", "é", "e\u{301}", "\u{301}", "😀", "🇸🇪", "中", "kund",
        "<NUMFACT>", "#FORNAMN#", "#POANG|0#", "<b>", "\u{2028}", "\t",
    ]

    /// `source` split into lines the way the compiler counts them.
    private static func lines(of source: String) -> [[Character]] {
        var lines: [[Character]] = [[]]
        for character in source {
            if character.isNewline { lines.append([]) } else { lines[lines.count - 1].append(character) }
        }
        return lines
    }

    /// The text of a template without tokens: each "##" is one "#".
    private static func literalText(of source: String) -> String {
        var result = ""
        var characters = source.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            result.append(character)
            if character == "#", pending == "#" { pending = characters.next() }
        }
        return result
    }

    @Test("Random text never crashes the compiler: it compiles and renders, or fails with a TemplateError pointing at a token")
    func randomTemplates() {
        var random = SeededRandom(seed: 0x7E57_2026)
        var failures: [String] = []
        var compiled = 0

        for round in 0..<20_000 {
            var source = ""
            for _ in 0..<Int.random(in: 0...14, using: &random) {
                source += Self.pieces.randomElement(using: &random)!
            }
            let format: TemplateFormat = round.isMultiple(of: 2) ? .text : .html
            do {
                let template = try PlaceholderTemplate(source, name: "fuzz", format: format)
                compiled += 1
                for use in template.placeholders {
                    let line = Self.lines(of: source)[use.line - 1]
                    let start = String(line[(use.column - 1)...])
                    if !start.hasPrefix(use.written) {
                        failures.append("token \(use.written) not at line \(use.line), column \(use.column) of \(source.debugDescription)")
                    }
                }
                do {
                    let message = try template.render(TemplateFixtures.fullCustomer, context: TemplateFixtures.context)
                    if template.isConstant, message != Self.literalText(of: source) {
                        failures.append("constant \(source.debugDescription) rendered \(message.debugDescription)")
                    }
                } catch {
                    // The full customer has every field but attributes other than its own.
                    if error.code != .missingValue || !(error.token ?? "").uppercased().contains("ATTR") {
                        failures.append("render of \(source.debugDescription) failed: \(error)")
                    }
                }
            } catch {
                guard let line = error.line, let column = error.column else {
                    failures.append("error without a place for \(source.debugDescription): \(error)")
                    continue
                }
                let lines = Self.lines(of: source)
                guard (1...lines.count).contains(line), (1...lines[line - 1].count).contains(column) else {
                    failures.append("error place \(line):\(column) outside \(source.debugDescription)")
                    continue
                }
                let found = lines[line - 1][column - 1]
                if found != "#" && found != "<" {
                    failures.append("error at \(line):\(column) points at \(found.debugDescription), not a token, in \(source.debugDescription)")
                }
                if let token = error.token, !String(lines[line - 1][(column - 1)...]).hasPrefix(token) {
                    failures.append("error token \(token.debugDescription) not at \(line):\(column) of \(source.debugDescription)")
                }
                if error.message.isEmpty || !error.message.hasPrefix("Template \"fuzz\"") {
                    failures.append("odd message \(error.message.debugDescription)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
        // Both outcomes must really occur, or the test proves little.
        #expect(compiled > 2_000 && compiled < 19_000, "compiled \(compiled) of 20000")
    }
}
