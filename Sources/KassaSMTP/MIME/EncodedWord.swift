/// RFC 2047 encoded words (`=?UTF-8?B?w4VzYQ==?=`) for non-ASCII text in headers: subjects,
/// display names, unstructured extra headers.
///
/// The text is cut into words of at most `limit` characters (75 at most, RFC 2047 §2), at
/// character boundaries so no word holds part of a UTF-8 sequence or of a grapheme cluster
/// (RFC 2047 §5 asks for whole characters). Whichever of B (base64) and Q (quoted-printable
/// like) is shorter for the whole text is used. Q uses only the characters allowed in a
/// phrase (RFC 2047 §5 (3)), so the same words are valid in `Subject` and in a display name.
/// Decoders drop the whitespace between adjacent encoded words, so the text's own spaces are
/// encoded inside the words and folding may happen between any two words.
enum EncodedWord {
    enum Encoding {
        case b
        case q
    }

    private static let prefixB = "=?UTF-8?B?"
    private static let prefixQ = "=?UTF-8?Q?"
    private static let suffix = "?="
    private static let overhead = 12

    /// Encoded words for `text`; the first at most `firstLimit` characters, the others at
    /// most `limit`.
    static func encode(_ text: String, firstLimit: Int = 75, limit: Int = 75) -> [String] {
        let bytes = Array(text.utf8)
        let qLength = bytes.reduce(0) { $0 + qWidth($1) }
        let encoding: Encoding = qLength <= Base64.encodedLength(of: bytes.count) ? .q : .b
        return encode(text, encoding: encoding, firstLimit: firstLimit, limit: limit)
    }

    static func encode(_ text: String, encoding: Encoding, firstLimit: Int = 75, limit: Int = 75) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        var budget = min(firstLimit, 75) - overhead

        func encodedLength(_ bytes: [UInt8]) -> Int {
            switch encoding {
            case .b: Base64.encodedLength(of: bytes.count)
            case .q: bytes.reduce(0) { $0 + qWidth($1) }
            }
        }
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append(word(chunk, encoding: encoding))
            chunk.removeAll(keepingCapacity: true)
            budget = min(limit, 75) - overhead
        }
        func add(_ piece: [UInt8]) {
            if !chunk.isEmpty, encodedLength(chunk + piece) > budget {
                flush()
            }
            chunk += piece
        }

        for character in text {
            let piece = Array(String(character).utf8)
            if encodedLength(piece) <= min(limit, 75) - overhead {
                add(piece)
            } else {
                // A cluster too long for one word (dozens of combining marks): split it
                // between scalars, the smallest unit that still decodes on its own.
                for scalar in character.unicodeScalars {
                    add(Array(String(scalar).utf8))
                }
            }
        }
        flush()
        return words
    }

    /// The characters one octet takes in Q encoding.
    private static func qWidth(_ byte: UInt8) -> Int {
        isQLiteral(byte) || byte == UInt8(ascii: " ") ? 1 : 3
    }

    /// Letters, digits and `! * + - /`: the only literals RFC 2047 §5 (3) allows in a phrase.
    private static func isQLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }

    private static let hexDigits: [Character] = Array("0123456789ABCDEF")

    private static func word(_ bytes: [UInt8], encoding: Encoding) -> String {
        switch encoding {
        case .b:
            return prefixB + Base64.encode(bytes) + suffix
        case .q:
            var text = prefixQ
            for byte in bytes {
                if byte == UInt8(ascii: " ") {
                    text.append("_")
                } else if isQLiteral(byte) {
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    text.append("=")
                    text.append(hexDigits[Int(byte >> 4)])
                    text.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            return text + suffix
        }
    }
}
