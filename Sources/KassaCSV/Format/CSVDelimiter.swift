/// The byte that separates the fields of a row: `;`, `,`, tab, or another ASCII character.
public struct CSVDelimiter: Sendable, Hashable, CustomStringConvertible {
    /// The separator's byte (always ASCII).
    public let byte: UInt8

    /// `;`: what spreadsheets in Swedish, Dutch, French and German write, where `,` is the decimal mark.
    public static let semicolon = CSVDelimiter(checked: UInt8(ascii: ";"))
    /// `,`: RFC 4180 and English-language spreadsheets.
    public static let comma = CSVDelimiter(checked: UInt8(ascii: ","))
    /// A tab: "text (tab delimited)" exports.
    public static let tab = CSVDelimiter(checked: UInt8(ascii: "\t"))

    /// The candidates that sniffing chooses from, in the order that breaks ties.
    static let sniffable: [CSVDelimiter] = [.semicolon, .tab, .comma]

    private init(checked byte: UInt8) { self.byte = byte }

    /// A delimiter from a command-line value: one ASCII character (`;`, `,`, `|`), or `tab`/`\t`.
    ///
    /// `nil` for anything that cannot separate fields: an empty or longer text, a non-ASCII
    /// character, the double quote, CR or LF.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "tab", "\\t", "\t": self = .tab
        case "semicolon": self = .semicolon
        case "comma": self = .comma
        default:
            let bytes = Array(text.utf8)
            guard bytes.count == 1, bytes[0] < 0x80, bytes[0] != UInt8(ascii: "\""),
                  bytes[0] != UInt8(ascii: "\r"), bytes[0] != UInt8(ascii: "\n") else { return nil }
            self.byte = bytes[0]
        }
    }

    /// The character itself, or `tab`.
    public var description: String {
        byte == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(byte))
    }
}
