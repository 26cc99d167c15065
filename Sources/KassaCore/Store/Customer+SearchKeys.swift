import Foundation

/// The derived keys the store keeps beside the fields a person typed, so that
/// comparisons in SQL are exact byte comparisons that an index can serve.
///
/// These run for every row of an import, so the common case (ASCII text) takes a fast
/// path over UTF-8 bytes.
extension Customer {
    /// The longest customer number the store accepts, in UTF-8 bytes.
    public static let maximumNumberLength = 64

    /// The sort and lookup key of a customer number: its UTF-8 length in two digits, then
    /// the number itself.
    ///
    /// Ordering by this key orders numeric customer numbers numerically ("2" before "10")
    /// and any other numbers by length, then byte by byte. The key is one-to-one with the
    /// number (the length prefix says where the number starts), so it doubles as the
    /// uniqueness key.
    package static func numberKey(_ number: String) -> String {
        let length = number.utf8.count
        let digits = (UInt8(ascii: "0") + UInt8(length / 10 % 10), UInt8(ascii: "0") + UInt8(length % 10))
        var key = String(decoding: [digits.0, digits.1], as: UTF8.self)
        key.append(number)
        return key
    }

    /// The case-insensitive key of a city or vehicle brand: trimmed, lower-cased with the
    /// Unicode rules (so "MALMÖ" finds "Malmö", which SQLite's NOCASE would not), and in
    /// composed form (NFC) so that a decomposed "ö" typed on another system still matches.
    package static func foldedKey(_ text: String) -> String {
        let trimmed = trimmingWhitespace(text)
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) {
            return trimmed.utf8.contains(where: { (0x41...0x5A).contains($0) }) ? trimmed.lowercased() : trimmed
        }
        return composed(trimmed.lowercased())
    }

    /// The comparison key of a postal code: upper-cased, without white space, so that
    /// `1234 ab`, `1234AB` and `1234 AB` are one code, as are `123 45` and `12345`.
    package static func postalKey(_ code: String) -> String {
        let utf8 = code.utf8
        if utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !(0x61...0x7A).contains($0) }) {
            return code
        }
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            for byte in utf8 where byte > 0x20 && byte != 0x7F {
                bytes.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var key = ""
        for scalar in code.unicodeScalars where !scalar.properties.isWhitespace {
            key.unicodeScalars.append(scalar)
        }
        return composed(key.uppercased())
    }

    /// `text` without white space at either end; `text` itself when there is none.
    package static func trimmingWhitespace(_ text: String) -> String {
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return text
        }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }

    /// The composed (NFC) form of `text`. Only text with combining marks needs the work,
    /// which is rare (most systems send composed letters), so Foundation does it.
    private static func composed(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x300...0x36F).contains($0.value) }) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }
}
