/// The name of the file handed to the voucher mailing service (MiNTMAIL, SPEC §4).
///
/// The service reads only names of at most 8 characters before `.CSV`, without spaces,
/// commas, dots or accented letters, and only with the `.CSV` extension kept. Kassa is
/// stricter in the same spirit, because the service's manual lists examples, not a grammar:
/// before the extension only A–Z, a–z, 0–9, `_` and `-` are allowed, and the name must not
/// be a path. The extension may be `.CSV` or `.csv` and is kept as given.
///
/// A bad name is refused with the first rule it breaks, checked in this order: empty,
/// path, extension, empty before the extension, characters (the first bad one, by
/// position), length.
public struct VoucherFileName: Sendable, Hashable, CustomStringConvertible {
    /// The most characters allowed before the extension.
    public static let maximumStemLength = 8
    /// The extensions the service reads.
    public static let allowedExtensions = [".CSV", ".csv"]

    /// The whole name, `KADO1125.CSV`.
    public let name: String
    /// The part before the extension, `KADO1125`.
    public let stem: String
    /// The extension as given, `.CSV` or `.csv`.
    public let fileExtension: String

    /// Checks `name` against the service's rules.
    ///
    /// - Throws: `ChequeError` whose code is the rule broken (`file_name_empty`,
    ///   `file_name_path`, `file_name_extension`, `file_name_space`, `file_name_comma`,
    ///   `file_name_dot`, `file_name_accent`, `file_name_character`, `file_name_too_long`)
    ///   and whose message quotes the name.
    public init(_ name: String) throws(ChequeError) {
        let quoted = ChequeError.quoted(name)
        guard !name.isEmpty else {
            throw ChequeError(.fileNameEmpty, "The voucher file name is empty; give a name such as \"KADO1125.CSV\"")
        }
        if name.contains("/") || name.contains("\\") {
            throw ChequeError(.fileNamePath,
                              "The voucher file name \(quoted) contains a path separator; give a file name only, such as \"KADO1125.CSV\"")
        }
        guard let fileExtension = Self.allowedExtensions.first(where: { name.hasSuffix($0) }) else {
            throw ChequeError(.fileNameExtension,
                              "The voucher file name \(quoted) must end in \".CSV\", or the voucher service cannot read it")
        }
        let stem = String(name.dropLast(fileExtension.count))
        guard !stem.isEmpty else {
            throw ChequeError(.fileNameEmpty, "The voucher file name \(quoted) has nothing before \(fileExtension)")
        }
        for (offset, character) in stem.enumerated() where !Self.isAllowed(character) {
            throw Self.refusal(of: character, at: offset + 1, in: quoted)
        }
        guard stem.count <= Self.maximumStemLength else {
            throw ChequeError(.fileNameTooLong,
                              "The voucher file name \(quoted) has \(stem.count) characters before \(fileExtension); the voucher service allows at most \(Self.maximumStemLength)")
        }
        self.name = name
        self.stem = stem
        self.fileExtension = fileExtension
    }

    /// The whole name.
    public var description: String { name }

    private static func isAllowed(_ character: Character) -> Bool {
        guard character.isASCII, let scalar = character.unicodeScalars.first else { return false }
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    private static func refusal(of character: Character, at position: Int, in quoted: String) -> ChequeError {
        let allowed = "only letters A–Z, digits, \"_\" and \"-\" may come before the extension"
        switch character {
        case " ":
            return ChequeError(.fileNameSpace, "The voucher file name \(quoted) has a space at character \(position); \(allowed)")
        case ",":
            return ChequeError(.fileNameComma, "The voucher file name \(quoted) has a comma at character \(position); \(allowed)")
        case ".":
            return ChequeError(.fileNameDot,
                               "The voucher file name \(quoted) has a dot at character \(position) before the extension; \(allowed)")
        default:
            let shown = ChequeError.quoted(String(character))
            if character.isLetter {
                return ChequeError(.fileNameAccent,
                                   "The voucher file name \(quoted) has the letter \(shown) at character \(position); accented and non-Latin letters are not allowed, \(allowed)")
            }
            let code = character.unicodeScalars.map { scalar in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }.joined(separator: " ")
            return ChequeError(.fileNameCharacter,
                               "The voucher file name \(quoted) has the character \(shown) (\(code)) at character \(position); \(allowed)")
        }
    }
}
