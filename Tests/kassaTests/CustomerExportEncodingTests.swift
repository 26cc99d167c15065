import Foundation
import KassaTesting
import Testing

/// `kassa customers export --encoding windows-1252`: for programs that read only the
/// Windows code page; the import reads it back.
@Suite struct CustomerExportEncodingTests {
    @Test func windows1252RoundTripsThroughTheImport() throws {
        let folder = try RegisterCommandTests.seeded(200)
        let export = try RegisterCommandTests.kassa(
            ["customers", "export", "-o", folder.file("ansi.csv"), "--delimiter", ";", "--encoding", "windows-1252"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("ansi.csv"))))
        // One byte per letter: å is E5, ö F6, é E9, ü FC; none of UTF-8's two-byte forms.
        for (letter, byte) in [("å", 0xE5), ("ö", 0xF6), ("é", 0xE9), ("ü", 0xFC)] as [(String, UInt8)] {
            #expect(bytes.contains(byte), "no \(letter) as \(byte) in the export")
        }
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the export is UTF-8")
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]))

        let copy = TemporaryDirectory()
        let imported = try KassaProcess.run(["customers", "import", folder.file("ansi.csv"), "--encoding", "windows-1252",
                                             "--db", copy.file("kassa.sqlite")], in: copy.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let original = try RegisterCommandTests.withoutCards(try RegisterCommandTests.kassa(["select", "--json"], in: folder).stdout)
        let again = try RegisterCommandTests.withoutCards(try KassaProcess.run(["select", "--json", "--db", copy.file("kassa.sqlite")], in: copy.path).stdout)
        #expect(original.count == 200)
        #expect(original == again)
    }

    @Test func aCharacterWindows1252CannotHoldNamesTheCustomerAndField() throws {
        let shop = try LoyaltyShop(register: LoyaltyShop.register + "8,Łucja,Nowak,,no,lucja@example.pl,Ulica 8,90-001,Łódź,PL,10\n")
        let export = try shop.run(["customers", "export", "-o", "ansi.csv", "--encoding", "windows-1252"])
        #expect(export.status == 1)
        #expect(export.stderr.contains("customer 8, field first_name"), "\(export.stderr)")
        #expect(export.stderr.contains("\"Ł\""), "\(export.stderr)")
        #expect(export.stderr.contains("windows-1252"), "\(export.stderr)")
        // Nothing is written: no file, and no half file beside it.
        #expect(shop.outbox().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: shop.folder.file("ansi.csv")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: shop.folder.path).allSatisfy { !$0.hasPrefix("ansi.csv") })
        // In UTF-8 the same customers export.
        #expect(try shop.run(["customers", "export", "-o", "utf8.csv"]).status == 0)

        let bom = try shop.run(["customers", "export", "--encoding", "windows-1252", "--bom"])
        #expect(bom.status != 0)
        #expect(bom.stderr.contains("--bom is a UTF-8 byte order mark"), "\(bom.stderr)")
    }
}
