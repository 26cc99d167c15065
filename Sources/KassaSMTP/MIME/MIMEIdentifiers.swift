import Foundation

/// Message-IDs and multipart boundaries: unique, and 7-bit safe where they go.
enum MIMEIdentifiers {
    private static let base32: [Character] = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// `<time>.<random>@<domain>` without brackets: the time in milliseconds (base 36) keeps
    /// ids sortable and distinct across runs, 130 random bits make a collision negligible
    /// even between several Kassa installations on the same domain (RFC 5322 §3.6.4).
    static func messageID(date: Date, domain: String, using generator: inout some RandomNumberGenerator) -> String {
        let milliseconds = max(0, Int64(date.timeIntervalSince1970 * 1000))
        return "\(String(milliseconds, radix: 36)).\(random(26, using: &generator))@\(domain)"
    }

    /// A boundary that starts with `=_`: quoted-printable never writes `=` followed by `_`
    /// and base64 has no `_`, so it cannot occur in any part this encoder writes (RFC 2046
    /// §5.1.1); the encoder still checks each part.
    static func boundary(using generator: inout some RandomNumberGenerator) -> String {
        "=_Kassa_" + random(26, using: &generator)
    }

    /// `count` random base32 characters, 5 bits each, 12 from each 64-bit draw: the system
    /// generator makes a system call per draw, so one per character would dominate encoding.
    private static func random(_ count: Int, using generator: inout some RandomNumberGenerator) -> String {
        var characters: [Character] = []
        characters.reserveCapacity(count)
        var bits: UInt64 = 0
        var available = 0
        while characters.count < count {
            if available < 5 {
                bits = generator.next()
                available = 64
            }
            characters.append(base32[Int(bits & 31)])
            bits >>= 5
            available -= 5
        }
        return String(characters)
    }

    /// The domain for Message-IDs: `preferred`, else the sender's, when it is an ASCII
    /// dot-atom; else `localhost`.
    static func domain(preferred: String?, sender: MailAddress) -> String {
        for candidate in [preferred, String(sender.domain)].compactMap({ $0 }) {
            let isDotAtom = !candidate.isEmpty && !candidate.hasPrefix(".") && !candidate.hasSuffix(".")
                && candidate.utf8.allSatisfy { byte in
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                }
            if isDotAtom { return candidate }
        }
        return "localhost"
    }
}
