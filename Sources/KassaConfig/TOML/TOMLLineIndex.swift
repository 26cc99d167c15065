import Foundation
internal import TOMLKit

/// One step of the way from the root of a document to a value: a key of a table, or a
/// position in an array (an array of tables is an array too).
enum TOMLPathStep: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// The line where each key, table and array element of a document was defined, found by
/// letting TOMLKit parse ever longer runs of whole lines.
///
/// TOML is a sequence of expressions separated by new lines, each a key-value pair or a
/// table header, and a value that spans lines (a multi-line string or array) stays open
/// until its last line. So the first lines of a valid document parse exactly when they end
/// between two expressions; what a parse finds that the previous successful one did not
/// was defined by the expression that started after it. No TOML is read here but by
/// TOMLKit. The index costs one parse per line, so it is built only when a line is first
/// asked for: for an error or a warning, never on the way to a file without either.
final class TOMLLineIndex: @unchecked Sendable {
    private let text: String
    private let lock = NSLock()
    // Guarded by `lock`.
    private var lines: [[TOMLPathStep]: Int]?

    init(_ text: String) {
        self.text = text
    }

    /// The line that defined `path`, starting at 1; `nil` for the root.
    func line(of path: [TOMLPathStep]) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if lines == nil { lines = Self.build(text) }
        return lines?[path]
    }

    private static func build(_ text: String) -> [[TOMLPathStep]: Int] {
        var lines: [[TOMLPathStep]: Int] = [:]
        var prefix = ""
        var expressionStart = 1
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            prefix += line
            prefix += "\n"
            guard let table = try? TOMLKit.TOMLTable(string: prefix) else { continue }
            var found: [[TOMLPathStep]] = []
            collect(table, under: [], into: &found)
            for path in found where lines[path] == nil {
                lines[path] = expressionStart
            }
            expressionStart = offset + 2
        }
        return lines
    }

    private static func collect(_ table: TOMLKit.TOMLTable, under path: [TOMLPathStep], into found: inout [[TOMLPathStep]]) {
        for key in table.keys {
            guard let value = table[key] else { continue }
            collect(value, at: path + [.key(key)], into: &found)
        }
    }

    private static func collect(_ value: any TOMLValueConvertible, at path: [TOMLPathStep], into found: inout [[TOMLPathStep]]) {
        found.append(path)
        if let table = value.table {
            collect(table, under: path, into: &found)
        } else if let array = value.array {
            for (offset, element) in array.enumerated() {
                collect(element, at: path + [.index(offset)], into: &found)
            }
        }
    }
}
