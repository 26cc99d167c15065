/// A mailbox: an address with an optional display name, as in
/// `Åsa Öberg <asa@example.se>`.
///
/// The display name may be any text; the encoder writes it as RFC 2047 encoded words when it
/// is not plain ASCII. The address itself is never encoded: it goes out as written (UTF-8 in
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
        if let displayName, let bad = displayName.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            return "has a display name with the control character U+\(String(bad.value, radix: 16, uppercase: true))"
        }
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
