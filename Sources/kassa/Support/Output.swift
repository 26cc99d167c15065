import Foundation

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

    /// Pretty-printed JSON with sorted keys, one document on stdout.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
