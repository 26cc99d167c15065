import Foundation
import KassaTesting
import Testing
@testable import KassaConfig
import KassaCore

/// docs/configuration.md and the loader come from the same key lists: every documented key is
/// read and has an effect, every key read is documented, and the committed page is current.
@Suite struct ConfigurationReferenceTests {
    /// One line per documented key, at its example value, grouped by table.
    static func fileWithEveryKey(except skipped: String? = nil, omitting omitted: String? = nil) -> String {
        KassaConfiguration.reference.filter { $0.name != omitted }.map { section in
            ([section.header] + section.keys.compactMap { key in
                "\(section.name).\(key.name)" == skipped ? nil : "\(key.name) = \(key.example)"
            }).joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    static func parse(_ text: String) throws -> KassaConfiguration {
        try KassaConfiguration.parse(text, fileName: "kassa.toml", baseDirectory: "/srv/shop")
    }

    @Test func theCommittedPageIsUpToDate() throws {
        let page = try String(contentsOfFile: KassaProcess.repositoryRoot + "/docs/configuration.md", encoding: .utf8)
        #expect(page == KassaConfiguration.referenceMarkdown(),
                "docs/configuration.md is stale: run kassa api-reference --configuration > docs/configuration.md")
    }

    @Test func everyDocumentedKeyLoadsWithoutAWarning() throws {
        let configuration = try Self.parse(Self.fileWithEveryKey())
        #expect(configuration.warnings.isEmpty, "\(configuration.warnings)")
    }

    /// Leaving a key out changes what is loaded (or makes the file invalid, for keys that
    /// need each other): so the decoder reads each documented key, and each example differs
    /// from the default.
    @Test(arguments: KassaConfiguration.reference.flatMap { section in section.keys.map { "\(section.name).\($0.name)" } })
    func everyDocumentedKeyIsRead(_ path: String) throws {
        // [users.NAME.smtp] takes what it leaves out from [smtp]: without [smtp], leaving
        // a user's key out shows.
        let shared = KassaConfiguration.reference.first { path.hasPrefix($0.name + ".") && $0.sharesKeysOf != nil }?.sharesKeysOf
        let full = try Self.parse(Self.fileWithEveryKey(omitting: shared))
        let without: KassaConfiguration
        do {
            without = try Self.parse(Self.fileWithEveryKey(except: path, omitting: shared))
        } catch {
            return  // the key is needed by another one, so it is read
        }
        #expect(without != full, "\(path): leaving it out changes nothing")
    }

    @Test func everyKeyTheDecoderReadsIsDocumented() throws {
        let table = try TOMLDocument.parse(Array(Self.fileWithEveryKey().utf8), fileName: "kassa.toml")
        let read = try KassaConfiguration.keysRead(from: table)
        let documented = Set(KassaConfiguration.reference.flatMap { section in section.keys.map { "\(section.name).\($0.name)" } })
        #expect(read.subtracting(documented).sorted() == [], "read but not documented")
        #expect(documented.subtracting(read).sorted() == [], "documented but not read")
    }

    @Test func whatIsRequiredHasNoDefault() throws {
        let defaults = KassaConfiguration(baseDirectory: "/srv/shop")
        #expect(defaults.shop.name == nil)
        #expect(defaults.shop.currency == nil)
        #expect(defaults.shop.country == nil)
        #expect(defaults.smtp.from == nil)
        #expect(defaults.sms.sender == nil)
        #expect(defaults.cheques == ChequeSettings(pointsPerCheque: nil, chequeValue: nil))
        #expect(defaults.cards.templates.isEmpty)
        let page = KassaConfiguration.referenceMarkdown()
        for key in ["name", "currency", "from", "sender", "points_per_cheque", "cheque_value", "cost"] {
            #expect(page.contains("| `\(key)` |"), "\(key)")
        }
    }
}
