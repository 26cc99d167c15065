/// Latin letters that decomposition leaves whole but people write with plain ASCII letters
/// when a key has to match ("Straße" = "Strasse", "Bjørn" = "Bjorn"): shared by the
/// placeholder names of templates and the header names of CSV files.
public enum LatinLetterFolding {
    /// The lower-case ASCII spelling of `scalar` (`ß` → `ss`, `Ø` → `o`), or `nil` for any
    /// other scalar.
    public static func ascii(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "ß", "ẞ": "ss"
        case "æ", "Æ": "ae"
        case "œ", "Œ": "oe"
        case "ø", "Ø": "o"
        case "ð", "Ð", "đ", "Đ": "d"
        case "þ", "Þ": "th"
        case "ł", "Ł": "l"
        default: nil
        }
    }
}
