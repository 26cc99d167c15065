/// One message to send: the envelope sender, the recipients and the message itself.
///
/// `message` is the RFC 5322 message (headers, blank line, body) as `MIMEEncoder` produces it;
/// any line ends (CRLF, LF, CR) are accepted. It must not be dot-stuffed: the state machine
/// does that with `SMTPDataEncoder`.
public struct SMTPEnvelope: Sendable, Hashable {
    /// The reverse path for `MAIL FROM`, without angle brackets; `""` for the null sender.
    public var from: String
    /// The addresses for `RCPT TO`, without angle brackets.
    public var recipients: [String]
    /// The message bytes.
    public var message: [UInt8]
    /// Whether the message needs SMTPUTF8 even if every envelope address is ASCII (UTF-8 in
    /// its header addresses). A non-ASCII envelope address needs it anyway.
    public var requiresSMTPUTF8: Bool

    /// An envelope.
    public init(from: String, recipients: [String], message: [UInt8], requiresSMTPUTF8: Bool = false) {
        self.from = from
        self.recipients = recipients
        self.message = message
        self.requiresSMTPUTF8 = requiresSMTPUTF8
    }

    /// Whether `MAIL FROM` must carry the SMTPUTF8 parameter.
    var needsSMTPUTF8: Bool {
        requiresSMTPUTF8 || !from.utf8.allSatisfy { $0 < 0x80 } || recipients.contains { !$0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// The first address that cannot be put in a command, described, or `nil`.
    ///
    /// A line break in an address would end the command and start another: the one check
    /// that stops a recipient list from injecting commands.
    func addressProblem() -> SMTPError? {
        if recipients.isEmpty {
            return SMTPError(.noRecipients, "The message has no recipients.")
        }
        if !from.isEmpty, let problem = Self.problem(with: from) {
            return SMTPError(.invalidAddress, "The sender address \(SMTPError.quoted(from)) \(problem).")
        }
        for (index, recipient) in recipients.enumerated() {
            if let problem = Self.problem(with: recipient) {
                return SMTPError(.invalidAddress, "Recipient \(index + 1), \(SMTPError.quoted(recipient)), \(problem).")
            }
        }
        return nil
    }

    private static func problem(with address: String) -> String? {
        if address.isEmpty { return "is empty" }
        if address.utf8.count > 320 { return "is longer than 320 octets" }
        for scalar in address.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || scalar == "<" || scalar == ">" {
                return "contains \(SMTPError.quoted(String(scalar))), which an SMTP address cannot carry"
            }
        }
        guard let at = address.lastIndex(of: "@"), at != address.startIndex,
              address.index(after: at) != address.endIndex
        else { return "is not of the form local-part@domain" }
        return nil
    }
}
