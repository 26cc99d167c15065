import Testing
@testable import KassaConfig

/// A file that is not TOML is refused with TOMLKit's reason, at the file, line and column
/// TOMLKit names.
@Suite struct TOMLSyntaxErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var document: String
        var place: String
        var mentions: String
        var testDescription: String { document.debugDescription }
    }

    @Test(arguments: [
        Case(document: "[shop]\nname = \"Cykelbutiken\"\nname = \"Cykelbutiken AB\"", place: "kassa.toml:3:", mentions: "cannot redefine existing string 'name'"),
        Case(document: "[smtp]\nhost = \"mail\"\n\n[smtp]", place: "kassa.toml:4:1", mentions: "cannot redefine existing table 'smtp'"),
        Case(document: "[smtp]\ntls = starttls", place: "kassa.toml:2:7", mentions: "in the value"),
        // toml++ places the end of the file after its last character, not on the empty line after it.
        Case(document: "[plugins]\ndirs = [\n  \"a\",\n", place: "kassa.toml:3:", mentions: "in the array: encountered end-of-file"),
        Case(document: "[cards]\nholidays = [2026-02-30]", place: "kassa.toml:2:", mentions: "in the date"),
        Case(document: "[smtp]\nport = 25 26", place: "kassa.toml:2:11", mentions: "expected a comment or whitespace"),
    ])
    func syntaxErrorsNameFileLineAndColumn(_ example: Case) throws {
        let error = try #require(throws: KassaConfigurationError.self) {
            try KassaConfiguration.parse(example.document, baseDirectory: "/srv/shop")
        }
        #expect(error.code == .invalidTOML)
        #expect(error.description.hasPrefix(example.place), "\(error)")
        #expect(error.message.hasPrefix("invalid TOML in the "), "\(error)")
        #expect(error.message.contains(example.mentions), "\(error)")
    }

    @Test func anErrorInAValueAfterAMultiLineStringNamesItsOwnLine() throws {
        let document = """
            [shop]
            name = \"\"\"
            script_timeout = 1
            [limits]
            \"\"\"
            [limits]
            script_timeout = "fast"
            """
        let error = try #require(throws: KassaConfigurationError.self) {
            try KassaConfiguration.parse(document, baseDirectory: "/srv/shop")
        }
        #expect(error.description == #"kassa.toml:7: [limits] script_timeout must be a positive number of seconds, not "fast""#)
    }

    /// TOMLKit hands the text to toml++ as a C string, which would end at a NUL byte and
    /// read what follows it as never written: here the bad port after a comment.
    @Test func aNulByteIsRefusedNotTheEndOfTheFile() throws {
        let error = try #require(throws: KassaConfigurationError.self) {
            try KassaConfiguration.parse("[shop]\nname = \"Cykelbutiken\" # ok\u{0}\n[smtp]\nport = 0", baseDirectory: "/srv/shop")
        }
        #expect(error.code == .invalidTOML)
        #expect(error.description == "kassa.toml:2:27: the file holds a NUL byte (U+0000), which TOML does not allow")
    }
}
