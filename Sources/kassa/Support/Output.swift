import ArgumentParser
import Foundation
import KassaCore

/// Writing to the terminal: data on stdout, diagnostics on stderr.
enum Output {
    static func line(_ text: String) {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data("kassa: \(text)\n".utf8))
    }

    static func plainError(_ text: String) {
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }

    /// Pretty-printed JSON with sorted keys, one document on stdout, written by the one
    /// encoder every command shares (snake_case keys, `null` for a missing value).
    static func json(_ value: some Encodable) throws {
        let data = try CommandJSONEncoder().encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// The encoder of streamed JSON (one element per line): the same rules, compact.
    static var compactJSON: CommandJSONEncoder { CommandJSONEncoder(pretty: false) }

    /// Streams a JSON array, one element per line, so a million customers never sit in memory.
    static func jsonArray<Element: Encodable>(_ batches: BatchCursor<Element>) throws {
        let encoder = compactJSON
        let output = FileHandle.standardOutput
        output.write(Data("[".utf8))
        var first = true
        while let batch = try batches.next() {
            var chunk = Data()
            for element in batch {
                chunk.append(contentsOf: (first ? "\n" : ",\n").utf8)
                chunk.append(try encoder.encode(element))
                first = false
            }
            output.write(chunk)
        }
        output.write(Data("\n]\n".utf8))
    }
}

/// `--json` for a command whose parent command has `--json` too. ArgumentParser gives a flag
/// that both declare to the parent alone, so `kassa marks reset --json` printed text; as an
/// option group, like `GlobalOptions`, both read the same flag.
struct JSONOption: ParsableArguments {
    @Flag(help: "Print JSON.") var json = false
}
