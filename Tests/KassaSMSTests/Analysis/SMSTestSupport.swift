import KassaSMS

/// A seeded generator (SplitMix64), so that a failing random case can be replayed.
struct SMSTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D4_9CE6_AC1A_E5D3
        return z ^ (z >> 31)
    }
}

/// The GSM 03.38 tables written out again from the published table, independently of the
/// module's lookup, so the tests check the module against the standard and not against itself.
enum PublishedGSMTable {
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅå" + "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ" + " !\"#¤%&'()*+,-./" + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO" + "PQRSTUVWXYZÄÖÑÜ§" + "¿abcdefghijklmno" + "pqrstuvwxyzäöñüà").unicodeScalars
    )
    static let extensionCharacters: Set<Unicode.Scalar> = Set("\u{0C}^{}\\[~]|€".unicodeScalars)

    /// Septets of `text` if every scalar is in the tables, else `nil`.
    static func septets(_ text: some StringProtocol) -> Int? {
        var total = 0
        for scalar in text.unicodeScalars {
            if basic.contains(scalar) {
                total += 1
            } else if extensionCharacters.contains(scalar) {
                total += 2
            } else {
                return nil
            }
        }
        return total
    }

    /// Units of `text` in `encoding`, computed without the module.
    static func units(_ text: some StringProtocol, in encoding: SMSEncoding) -> Int {
        switch encoding {
        case .gsm7: septets(text) ?? -1
        case .ucs2: text.utf16.count
        }
    }
}
