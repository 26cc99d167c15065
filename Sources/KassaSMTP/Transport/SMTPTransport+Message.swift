import Foundation
import KassaCore

// From an outgoing message to the MailMessage the MIME encoder writes.
extension SMTPTransport {
    /// The e-mail for `message`: From from the settings, To with the customer's name, the
    /// rendered subject, text and HTML, and List-Unsubscribe for marketing mail.
    func mailMessage(for message: OutgoingMessage) -> MailMessage {
        let displayName = message.displayName?.trimmingCharacters(in: .whitespacesAndNewlines)
        return MailMessage(
            from: sender,
            to: [MailAddress(message.address, displayName: displayName?.isEmpty == false ? displayName : nil)],
            subject: message.content.subject ?? "",
            text: message.content.text,
            html: message.content.html,
            listUnsubscribe: message.purpose == .marketing ? listUnsubscribe(for: message) : nil
        )
    }

    /// The unsubscribe link of a marketing message, or `nil` when none is configured.
    /// One-click (RFC 8058) needs an https URL.
    func listUnsubscribe(for message: OutgoingMessage) -> ListUnsubscribe? {
        let url = unsubscribeURL.map { Self.substitute($0, for: message) }
        let mailto = unsubscribeMailto.map { Self.substitute($0, for: message) }
        guard url != nil || mailto != nil else { return nil }
        let oneClick = url?.lowercased().hasPrefix("https://") ?? false
        return ListUnsubscribe(url: url, mailto: mailto, oneClick: oneClick)
    }

    /// `{customer}` and `{mailing}` replaced by the customer number and the mailing's id
    /// (`test` for a test send), percent-encoded.
    private static func substitute(_ template: String, for message: OutgoingMessage) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encode: (String) -> String = { value in
            // Only ASCII letters and digits stay as they are: `alphanumerics` also holds "å".
            value.unicodeScalars.map { scalar in
                scalar.isASCII && allowed.contains(scalar)
                    ? String(scalar)
                    : String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
            }.joined()
        }
        return template
            .replacingOccurrences(of: "{customer}", with: encode(message.customerNumber))
            .replacingOccurrences(of: "{mailing}", with: encode(message.mailingID.map(String.init) ?? "test"))
    }
}
