/// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038, formerly GSM 03.38).
///
/// Only the default tables are modelled: national language shift tables (Turkish, Spanish,
/// Portuguese, Indian scripts) are not used, because a sender cannot know whether the
/// recipient's phone and network support them. A text with any character outside these two
/// tables is sent as UCS-2.
///
/// Code 0x09 is the capital `Ç` (U+00C7), as printed in the ETSI standard. The Unicode
/// Consortium's mapping file prefers the small `ç`; gateways disagree, so Kassa takes the
/// standard literally: a `ç` forces UCS-2 rather than arriving as `Ç`. Greek capitals that look
/// like Latin letters (`Α`, `Β`, …) are likewise not folded onto `A`, `B`: they force UCS-2.
public enum GSM7Alphabet {
    /// The escape code (0x1B): the next septet is read from the extension table.
    public static let escapeCode: UInt8 = 0x1B

    /// The basic character set in code order, 0x00 to 0x7F; `nil` at the escape code.
    public static let basicSet: [Unicode.Scalar?] = [
        // 0x00
        "@", "£", "$", "¥", "è", "é", "ù", "ì", "ò", "Ç", "\n", "Ø", "ø", "\r", "Å", "å",
        // 0x10
        "Δ", "_", "Φ", "Γ", "Λ", "Ω", "Π", "Ψ", "Σ", "Θ", "Ξ", nil, "Æ", "æ", "ß", "É",
        // 0x20
        " ", "!", "\"", "#", "¤", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",
        // 0x30
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",
        // 0x40
        "¡", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
        // 0x50
        "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "Ä", "Ö", "Ñ", "Ü", "§",
        // 0x60
        "¿", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
        // 0x70
        "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "ä", "ö", "ñ", "ü", "à",
    ]

    /// The extension table: each character is sent as the escape code followed by this code,
    /// so it takes two septets.
    public static let extensionSet: [UInt8: Unicode.Scalar] = [
        0x0A: "\u{0C}",  // form feed (page break); phones without it show a line feed
        0x14: "^",
        0x28: "{",
        0x29: "}",
        0x2F: "\\",
        0x3C: "[",
        0x3D: "~",
        0x3E: "]",
        0x40: "|",
        0x65: "€",
    ]

    /// Septets per scalar for every scalar below `lookupLimit`: 0 = not in the alphabet.
    /// The alphabet lies in Latin-1 and Greek, except `€`, handled on its own.
    private static let lookupLimit: UInt32 = 0x400
    private static let septetsBelowLimit: [UInt8] = {
        var table = [UInt8](repeating: 0, count: Int(lookupLimit))
        for scalar in basicSet.compactMap({ $0 }) {
            table[Int(scalar.value)] = 1
        }
        for scalar in extensionSet.values where scalar.value < lookupLimit {
            table[Int(scalar.value)] = 2
        }
        return table
    }()
    private static let euroSign: Unicode.Scalar = "€"

    /// How many septets `scalar` takes: 1 in the basic set, 2 in the extension table,
    /// `nil` when the GSM 7-bit alphabet cannot carry it.
    @inline(__always)
    public static func septets(for scalar: Unicode.Scalar) -> Int? {
        if scalar.value < lookupLimit {
            let septets = septetsBelowLimit[Int(scalar.value)]
            return septets == 0 ? nil : Int(septets)
        }
        return scalar == euroSign ? 2 : nil
    }

    /// Whether the GSM 7-bit alphabet (basic or extension table) can carry `scalar`.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        septets(for: scalar) != nil
    }

    /// The septet code(s) that carry `scalar`: one code from the basic set, or the escape code
    /// followed by the extension code; `nil` when the alphabet cannot carry it.
    public static func codes(for scalar: Unicode.Scalar) -> [UInt8]? {
        if let index = basicSet.firstIndex(of: scalar) {
            return [UInt8(index)]
        }
        if let code = extensionSet.first(where: { $0.value == scalar })?.key {
            return [escapeCode, code]
        }
        return nil
    }
}
