import Foundation

/// A MIME header parameter (`charset=UTF-8`, `filename="Kvitto.pdf"`), with RFC 2231
/// encoding for values that are not ASCII or too long for one line.
enum MIMEParameter {
    /// `name=value` with the value quoted unless it is an RFC 2045 token.
    static func plain(_ name: String, _ value: String) -> String {
        if !value.isEmpty, value.utf8.allSatisfy(isTokenCharacter) {
            return "\(name)=\(value)"
        }
        var quoted = "\""
        for character in value {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return "\(name)=\(quoted)\""
    }

    /// A file name for `Content-Disposition`: a plain quoted value when the name is short
    /// printable ASCII; otherwise the exact name as `name*=UTF-8''…` (RFC 2231 §4), split into
    /// numbered continuations (`name*0*=`, `name*1*=`, §3) when it would not fit on a line,
    /// followed by an ASCII fallback `name="…"` for clients that do not know RFC 2231.
    ///
    /// The exact name comes first because parsers that know both and keep one keep the first
    /// (Python's `email` does); clients that do not know RFC 2231 skip it.
    static func fileName(_ name: String, _ value: String) -> [String] {
        let isPlain = value.utf8.count <= 60
            && value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if isPlain {
            return [plain(name, value)]
        }
        let fallback = plain(name, asciiFallback(value))
        let encoded = value.map(percentEncoded)
        let single = "\(name)*=UTF-8''" + encoded.joined()
        if single.utf8.count <= 74 {
            return [single, fallback]
        }
        var parts: [String] = []
        var current = ""
        for piece in encoded {
            let head = "\(name)*\(parts.count)*=" + (parts.isEmpty ? "UTF-8''" : "")
            if !current.isEmpty, head.utf8.count + current.utf8.count + piece.utf8.count > 74 {
                parts.append(head + current)
                current = ""
            }
            current += piece
        }
        parts.append("\(name)*\(parts.count)*=" + (parts.isEmpty ? "UTF-8''" : "") + current)
        return parts + [fallback]
    }

    /// Adds the `;` separators a parameter list needs between tokens.
    static func separated(_ tokens: [String]) -> [String] {
        tokens.enumerated().map { $0.offset < tokens.count - 1 ? $0.element + ";" : $0.element }
    }

    /// An ASCII name close to `value`: accents dropped (Å → A, ö → o), other characters
    /// outside printable ASCII, quotes and backslashes replaced by `_`, at most 60
    /// characters with the extension kept.
    static func asciiFallback(_ value: String) -> String {
        var result = ""
        for scalar in value.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.value >= 0x20, scalar.value < 0x7F, scalar != "\"", scalar != "\\" {
                result.unicodeScalars.append(scalar)
            } else if scalar.value >= 0x20 {
                result.append("_")
            }
        }
        if result.count > 60 {
            let dot = result.lastIndex(of: ".")
            let suffix = dot.map { String(result[$0...]) } ?? ""
            let keep = suffix.count < 20 ? suffix : ""
            result = String(result.prefix(60 - keep.count)) + keep
        }
        return result.isEmpty ? "attachment" : result
    }

    /// One character as RFC 2231 `attribute-char`s or `%XX` octets.
    private static func percentEncoded(_ character: Character) -> String {
        var text = ""
        for byte in String(character).utf8 {
            if isAttributeCharacter(byte) {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return text
    }

    /// RFC 2045 token characters: printable ASCII except space and tspecials.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains(byte)
    }

    /// RFC 2231 attribute-char: a token character other than `*`, `'` and `%`.
    private static func isAttributeCharacter(_ byte: UInt8) -> Bool {
        isTokenCharacter(byte) && byte != UInt8(ascii: "*") && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "%")
    }
}
