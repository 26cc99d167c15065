import KassaTesting
import KassaCore

/// The GSM 03.38 tables written out again from the published table, independently of the
/// module's lookup, so the tests check the module against the standard and not against itself.
enum PublishedGSMTable {
    /// The table's eight columns of sixteen, top to bottom.
    static let basicColumns: [String] = [
        "@£$¥èéùìòÇ\nØø\rÅå", "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ", " !\"#¤%&'()*+,-./", "0123456789:;<=>?",
        "¡ABCDEFGHIJKLMNO", "PQRSTUVWXYZÄÖÑÜ§", "¿abcdefghijklmno", "pqrstuvwxyzäöñüà",
    ]
    static let basic: Set<Unicode.Scalar> = Set(basicColumns.joined().unicodeScalars)
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
