import KassaCore
import Testing

@Suite("GSM 03.38 tables")
struct GSM7AlphabetTests {
    @Test("The basic set has 127 characters and the escape code at 0x1B")
    func basicSetShape() {
        #expect(GSM7Alphabet.basicSet.count == 128)
        #expect(GSM7Alphabet.basicSet[0x1B] == nil)
        let characters = GSM7Alphabet.basicSet.compactMap { $0 }
        #expect(characters.count == 127)
        #expect(Set(characters) == PublishedGSMTable.basic)
        #expect(Set(GSM7Alphabet.extensionSet.values) == PublishedGSMTable.extensionCharacters)
    }

    @Test("Codes match the published table", arguments: [
        ("@", [0x00]), ("£", [0x01]), ("$", [0x02]), ("¥", [0x03]), ("è", [0x04]),
        ("Ç", [0x09]), ("\n", [0x0A]), ("Ø", [0x0B]), ("\r", [0x0D]), ("å", [0x0F]),
        ("Δ", [0x10]), ("_", [0x11]), ("Ξ", [0x1A]), ("Æ", [0x1C]), ("É", [0x1F]),
        (" ", [0x20]), ("¤", [0x24]), ("¡", [0x40]), ("Ä", [0x5B]), ("§", [0x5F]),
        ("¿", [0x60]), ("ä", [0x7B]), ("à", [0x7F]),
        ("\u{0C}", [0x1B, 0x0A]), ("^", [0x1B, 0x14]), ("{", [0x1B, 0x28]), ("}", [0x1B, 0x29]),
        ("\\", [0x1B, 0x2F]), ("[", [0x1B, 0x3C]), ("~", [0x1B, 0x3D]), ("]", [0x1B, 0x3E]),
        ("|", [0x1B, 0x40]), ("€", [0x1B, 0x65]),
    ] as [(Unicode.Scalar, [UInt8])])
    func codes(scalar: Unicode.Scalar, codes: [UInt8]) {
        #expect(GSM7Alphabet.codes(for: scalar) == codes)
        #expect(GSM7Alphabet.septets(for: scalar) == codes.count)
    }

    @Test("Lookalikes and common typography are not in the alphabet", arguments: [
        "`", "ç", "ê", "ı", "Α", "\u{A0}", "–", "’", "“", "…", "\t", "\u{1B}", "😀",
    ] as [Unicode.Scalar])
    func notInAlphabet(scalar: Unicode.Scalar) {
        #expect(!GSM7Alphabet.contains(scalar))
        #expect(GSM7Alphabet.codes(for: scalar) == nil)
    }

    @Test("The lookup agrees with the published table for every Unicode scalar")
    func exhaustiveLookup() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected: Int? =
                PublishedGSMTable.basic.contains(scalar) ? 1
                : PublishedGSMTable.extensionCharacters.contains(scalar) ? 2 : nil
            if GSM7Alphabet.septets(for: scalar) != expected { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty)
    }
}
