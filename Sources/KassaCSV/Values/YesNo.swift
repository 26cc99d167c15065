/// Yes/no values in Swedish, Dutch, French, German and English, and the usual check marks.
enum YesNo {
    /// `true`/`false` for a recognised word (case- and accent-insensitive), `nil` otherwise.
    /// An empty cell is `false`: an unticked box.
    static func parse(_ text: String) -> Bool? {
        // Short ASCII words are looked up as a number, without building a string.
        if let packed = packedLowercase(text) {
            if packedYes.contains(packed) { return true }
            if packedNo.contains(packed) { return false }
        }
        let key = HeaderKey.normalized(text)
        if key.isEmpty {
            // Only marks without letters or digits: a tick is yes, a dash or nothing is no.
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty || trimmed == "-" || trimmed == "–" { return false }
            if ["✓", "✔", "☑", "✗", "☐"].contains(trimmed) { return trimmed == "✓" || trimmed == "✔" || trimmed == "☑" }
            return nil
        }
        if yes.contains(key) { return true }
        if no.contains(key) { return false }
        return nil
    }

    /// Up to eight ASCII letters and digits, lower-cased and packed into one integer; `nil` otherwise.
    private static func packedLowercase(_ text: some StringProtocol) -> UInt64? {
        var packed: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
            count += 1
            guard count <= 8 else { return nil }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): packed = packed << 8 | UInt64(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): packed = packed << 8 | UInt64(byte + 32)
            default: return nil
            }
        }
        return count == 0 ? nil : packed
    }

    private static let packedYes = Set(yes.compactMap { packedLowercase($0) })
    private static let packedNo = Set(no.compactMap { packedLowercase($0) })

    private static let yes: Set<String> = [
        "1", "x", "y", "yes", "true", "on",            // en, and spreadsheets' 1/X
        "j", "ja", "sant",                             // sv, de, nl
        "waar",                                        // nl
        "o", "oui", "vrai",                            // fr
        "wahr",                                        // de
    ]
    private static let no: Set<String> = [
        "0", "n", "no", "false", "off",
        "nej", "falskt", "falsk",                      // sv
        "nee", "niet", "onwaar",                       // nl
        "non", "faux",                                 // fr
        "nein", "falsch",                              // de
    ]
}
