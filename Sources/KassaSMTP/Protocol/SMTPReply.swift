/// One reply of an SMTP server: a three-digit code and one or more lines of text
/// (RFC 5321 §4.2).
///
/// ```text
/// 250-mail.example.se Hello
/// 250-PIPELINING
/// 250 8BITMIME
/// ```
/// is one reply with code 250 and the lines `"mail.example.se Hello"`, `"PIPELINING"`,
/// `"8BITMIME"`. The text after the code and the separator is kept as sent, including an
/// enhanced status code (`"5.1.1 No such user"`); `enhancedStatusCode` holds it parsed.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// What the first digit of a reply code says (RFC 5321 §4.2.1).
    public enum Category: Sendable, Hashable {
        /// 2xx: the command succeeded.
        case positiveCompletion
        /// 3xx: go on (354 after DATA, 334 during AUTH).
        case positiveIntermediate
        /// 4xx: failed this time; the same command may succeed later.
        case transientNegative
        /// 5xx: failed; repeating the command will fail again.
        case permanentNegative
    }

    /// The reply code, 200…599.
    public let code: Int
    /// The text of each line, without the code and the `-` or space after it.
    public let lines: [String]
    /// The RFC 3463 status code at the start of the first line, when there is one whose
    /// class matches the reply code (`5.1.1` in `550 5.1.1 No such user`).
    public let enhancedStatusCode: SMTPEnhancedStatusCode?

    /// A reply from its code and lines; the enhanced status code is read from the first line.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines.isEmpty ? [""] : lines
        self.enhancedStatusCode = SMTPEnhancedStatusCode(prefixOf: self.lines[0], replyCode: code)
    }

    /// What the first digit of the code says.
    public var category: Category {
        switch code / 100 {
        case 2: .positiveCompletion
        case 3: .positiveIntermediate
        case 4: .transientNegative
        default: .permanentNegative
        }
    }

    /// Whether the code is 2xx.
    public var isPositiveCompletion: Bool { category == .positiveCompletion }
    /// Whether the code is 4xx.
    public var isTransientNegative: Bool { category == .transientNegative }
    /// Whether the code is 5xx.
    public var isPermanentNegative: Bool { category == .permanentNegative }

    /// The text of all lines joined with spaces, without the enhanced status code.
    public var text: String {
        var texts = lines
        if enhancedStatusCode != nil {
            texts[0] = String(texts[0].drop(while: { $0 != " " }).drop(while: { $0 == " " }))
        }
        return texts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The reply on one line as a person reads it: `"550 5.1.1 No such user"`; the lines of a
    /// multi-line reply are joined with `" / "`.
    public var description: String {
        let joined = lines.joined(separator: " / ")
        return joined.isEmpty ? String(code) : "\(code) \(joined)"
    }
}
