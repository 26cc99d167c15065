/// One header field as a list of tokens, folded into lines when written.
///
/// Tokens are joined by single spaces; each of those spaces is a place where the field may be
/// folded (CRLF before the space), so a token is whatever must stay on one line: a word, an
/// encoded word, `<address>,`, `name="value";`. Lines are kept to 76 characters, which
/// satisfies both RFC 5322's 78 and RFC 2047's 76 for lines with encoded words. A token
/// longer than that (a long URL) gets a line of its own; only a line over 998 octets, which
/// RFC 5322 forbids, is an error.
struct MIMEHeaderField {
    static let foldLimit = 76
    static let hardLimit = 998

    var name: String
    var tokens: [String]

    init(_ name: String, _ tokens: [String]) {
        self.name = name
        self.tokens = tokens
    }

    init(_ name: String, _ value: String) {
        self.init(name, [value])
    }

    /// Appends the folded field with its final CRLF.
    func write(into output: inout [UInt8]) throws(MIMEError) {
        var line = name + ":"
        var lineLength = line.utf8.count
        var text = ""
        for token in tokens {
            let width = token.utf8.count
            if lineLength + 1 + width > Self.foldLimit, lineLength > 1 {
                try check(lineLength)
                text += line + "\r\n"
                line = ""
                lineLength = 0
            }
            line += " " + token
            lineLength += 1 + width
        }
        try check(lineLength)
        text += line + "\r\n"
        output.append(contentsOf: text.utf8)
    }

    private func check(_ length: Int) throws(MIMEError) {
        guard length <= Self.hardLimit else {
            throw MIMEError(
                .lineTooLong,
                "The \(name) header has a part of \(length) characters that cannot be folded, more than the \(Self.hardLimit) a header line may have."
            )
        }
    }
}

extension MIMEHeaderField {
    /// An unstructured field (Subject, extra headers): plain ASCII words when the text is
    /// plain ASCII that folds cleanly, else encoded words for the whole text.
    static func unstructured(_ name: String, _ text: String) -> MIMEHeaderField {
        if let words = plainWords(text) {
            return MIMEHeaderField(name, words)
        }
        return MIMEHeaderField(name, EncodedWord.encode(text, firstLimit: firstLimit(for: name)))
    }

    /// A field listing mailboxes, separated by commas.
    static func mailboxes(_ name: String, _ mailboxes: [MailAddress]) -> MIMEHeaderField {
        var tokens: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            if let displayName = mailbox.headerDisplayName {
                tokens += phrase(displayName, firstLimit: tokens.isEmpty ? firstLimit(for: name) : 75)
            }
            tokens.append("<\(mailbox.address)>" + (index < mailboxes.count - 1 ? "," : ""))
        }
        return MIMEHeaderField(name, tokens)
    }

    /// A display name: atoms as they are, other plain ASCII as one quoted string, anything
    /// else as encoded words.
    static func phrase(_ text: String, firstLimit: Int) -> [String] {
        if let words = plainWords(text) {
            if words.allSatisfy({ $0.utf8.allSatisfy(isAtomText) }) {
                return words
            }
            var quoted = "\""
            for character in text {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            quoted.append("\"")
            if quoted.utf8.count <= 75 {
                return [quoted]
            }
        }
        return EncodedWord.encode(text, firstLimit: firstLimit)
    }

    /// The words of `text` if it can go out as written: printable ASCII, single spaces between
    /// words, no word over 75 characters, and nothing a decoder would take for an encoded
    /// word (`=?`).
    private static func plainWords(_ text: String) -> [String]? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), !text.contains("=?") else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard !words.contains(where: { $0.isEmpty && words.count > 1 }), words.allSatisfy({ $0.utf8.count <= 75 }) else {
            return nil
        }
        return text.isEmpty ? [] : words.map(String.init)
    }

    /// RFC 5322 atext: may appear in a phrase without quotes.
    private static func isAtomText(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    /// Room for the first encoded word on the line that starts with `Name: `; when too little
    /// is left the word starts on the next line, with the full 75.
    private static func firstLimit(for name: String) -> Int {
        let available = foldLimit - name.utf8.count - 2
        return available >= 20 ? available : 75
    }
}
