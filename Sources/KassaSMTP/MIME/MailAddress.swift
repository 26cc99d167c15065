/// A mailbox: an address with an optional display name, as in
/// `Åsa Öberg <asa@example.se>`.
///
/// The display name may be any text; the encoder writes it on one line (`headerDisplayName`),
/// as RFC 2047 encoded words when it is not plain ASCII. The address itself is never encoded: it goes out as written (UTF-8 in
/// an address needs SMTPUTF8, which `EncodedMail.requiresSMTPUTF8` reports).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The name people see, or `nil`.
    public var displayName: String?
    /// `local-part@domain`.
    public var address: String

    /// A mailbox from its parts.
    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// The mailbox as a person writes it, unencoded: `Åsa Öberg <asa@example.se>`.
    public var description: String {
        guard let displayName, !displayName.isEmpty else { return address }
        return "\(displayName) <\(address)>"
    }

    /// The display name as it goes into a header: every run of control characters, line
    /// and paragraph separators and white space becomes one space, and the ends are
    /// trimmed; `nil` when nothing is left.
    ///
    /// Names come from the customer register, where a line break in a first name is a
    /// typing or import accident: cleaning it lets the mail go out (refusing it failed the
    /// customer's mail for good), and since no CR or LF survives, no header can be injected.
    var headerDisplayName: String? {
        guard let displayName else { return nil }
        var cleaned = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in displayName.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator, .spaceSeparator:
                pendingSpace = true
            default:
                if pendingSpace && !cleaned.isEmpty { cleaned.append(" ") }
                pendingSpace = false
                cleaned.append(scalar)
            }
        }
        return cleaned.isEmpty ? nil : String(cleaned)
    }

    /// Whether the address has non-ASCII characters (and so needs SMTPUTF8).
    var isInternationalized: Bool {
        !address.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The domain after the last `@`.
    var domain: Substring {
        address.lastIndex(of: "@").map { address[address.index(after: $0)...] } ?? ""
    }

    /// Why this mailbox cannot go into a header, or `nil`.
    ///
    /// Quoted local parts (`"a b"@example.se`) are refused: no shop customer has one, and
    /// refusing them keeps every address a single token that needs no quoting.
    func problem() -> String? {
        if address.isEmpty { return "is empty" }
        for scalar in address.unicodeScalars {
            let value = scalar.value
            if value <= 0x20 || value == 0x7F || "<>()[]\\,;:\"".unicodeScalars.contains(scalar) {
                return "contains \(MIMEError.quoted(String(scalar))), which a plain address cannot have"
            }
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return "is not of the form local-part@domain"
        }
        if parts[1].hasPrefix(".") || parts[1].hasSuffix(".") || parts[1].contains("..") {
            return "has the malformed domain \(MIMEError.quoted(parts[1]))"
        }
        return nil
    }
}
