import KassaCore
/// The character encoding of a CSV file's bytes.
///
/// Kassa reads the encodings that shop exports really have: UTF-8 (with or without a byte
/// order mark) and the Western Windows code page, which most "ANSI" exports use. UTF-16
/// files are refused with a clear error rather than guessed.
public enum CSVEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// UTF-8; a leading byte order mark (EF BB BF) is skipped.
    case utf8 = "utf-8"
    /// Windows-1252 ("ANSI", cp1252): Latin-1 plus € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ
    /// in 0x80–0x9F. The five bytes it leaves undefined read as the C1 control of the same value.
    case windows1252 = "windows-1252"
    /// ISO 8859-1: every byte is the Unicode scalar of the same value (0x80–0x9F are C1 controls).
    case latin1 = "iso-8859-1"

    /// An encoding from its usual names, case-insensitive: `utf-8`/`utf8`, `windows-1252`/`cp1252`/
    /// `ansi`, `iso-8859-1`/`latin-1`/`latin1`. `nil` for any other name.
    public init?(name: String) {
        let key = String(name.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch key {
        case "utf8", "utf8bom", "utf8sig": self = .utf8
        case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
        case "iso88591", "latin1", "l1": self = .latin1
        default: return nil
        }
    }

    /// The canonical name (`utf-8`, `windows-1252`, `iso-8859-1`).
    public var description: String { rawValue }

    /// Detects the encoding of the start of a file.
    ///
    /// A UTF-8 byte order mark, or non-ASCII bytes that are valid UTF-8, mean `.utf8`; non-ASCII
    /// bytes that are not valid UTF-8 mean `.windows1252` (which also reads Latin-1 text right,
    /// as Latin-1 files practically never hold C1 controls). Pure ASCII gives `nil`: every
    /// candidate reads it the same, and the reader decides at the first non-ASCII byte.
    ///
    /// - Parameters:
    ///   - bytes: the start of the file.
    ///   - isWholeFile: whether `bytes` is the whole file; if not, a multi-byte character cut off
    ///     at the end of `bytes` does not count against UTF-8.
    public static func detect(_ bytes: some Collection<UInt8>, isWholeFile: Bool = true) -> CSVEncoding? {
        let sample = Array(bytes)
        if sample.starts(with: byteOrderMark) { return .utf8 }
        return sample.withUnsafeBufferPointer { detectWithoutMark($0, isWholeFile: isWholeFile) }
    }

    /// The UTF-8 byte order mark, EF BB BF.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The name of a UTF-16 or UTF-32 byte order mark at the start of `bytes`, if any.
    static func unsupportedMark(at bytes: UnsafeRawBufferPointer) -> String? {
        let prefix = Array(bytes.prefix(4))
        if prefix.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || prefix.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return "UTF-32"
        }
        if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        return nil
    }

    static func detectWithoutMark(_ bytes: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> CSVEncoding? {
        if TextDecoding.isASCII(bytes) { return nil }
        switch UTF8Validation.check(bytes) {
        case .valid: return .utf8
        case .truncated: return isWholeFile ? .windows1252 : .utf8
        case .invalid: return .windows1252
        }
    }
}
