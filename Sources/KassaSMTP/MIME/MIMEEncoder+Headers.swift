import Foundation

// The message's own header fields, and the checks that keep a bad value from breaking them.
extension MIMEEncoder {
    /// Header fields the encoder writes, which extra headers may not repeat.
    static let reservedHeaderNames: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id", "mime-version",
        "content-type", "content-transfer-encoding", "content-disposition",
        "list-unsubscribe", "list-unsubscribe-post",
    ]

    func headerFields(of message: MailMessage, date: Date, messageID: String) -> [MIMEHeaderField] {
        var fields: [MIMEHeaderField] = [
            MIMEHeaderField("Date", MailDate.format(date, timeZone: timeZone).split(separator: " ").map(String.init)),
            .mailboxes("From", [message.from]),
        ]
        if let replyTo = message.replyTo {
            fields.append(.mailboxes("Reply-To", [replyTo]))
        }
        fields.append(.mailboxes("To", message.to))
        fields.append(.unstructured("Subject", message.subject))
        fields.append(MIMEHeaderField("Message-ID", "<\(messageID)>"))
        fields.append(MIMEHeaderField("MIME-Version", "1.0"))
        if let unsubscribe = message.listUnsubscribe {
            var links: [String] = []
            if let url = unsubscribe.url { links.append("<\(url)>") }
            if let mailto = unsubscribe.mailto {
                links.append("<\(mailto.lowercased().hasPrefix("mailto:") ? mailto : "mailto:" + mailto)>")
            }
            fields.append(MIMEHeaderField("List-Unsubscribe", links.enumerated().map { $0.offset < links.count - 1 ? $0.element + "," : $0.element }))
            if unsubscribe.oneClick {
                fields.append(MIMEHeaderField("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
            }
        }
        for header in message.headers {
            fields.append(.unstructured(header.name, header.value))
        }
        return fields
    }

    func validate(_ message: MailMessage) throws(MIMEError) {
        if let problem = message.from.problem() {
            throw MIMEError(.invalidAddress, "The sender \(MIMEError.quoted(message.from.description)) \(problem).")
        }
        if message.to.isEmpty {
            throw MIMEError(.noRecipients, "The message has no recipient (To is empty).")
        }
        for (index, recipient) in message.to.enumerated() {
            if let problem = recipient.problem() {
                throw MIMEError(.invalidAddress, "Recipient \(index + 1), \(MIMEError.quoted(recipient.description)), \(problem).")
            }
        }
        if let replyTo = message.replyTo, let problem = replyTo.problem() {
            throw MIMEError(.invalidAddress, "The Reply-To address \(MIMEError.quoted(replyTo.description)) \(problem).")
        }
        if let bad = Self.firstControlCharacter(in: message.subject) {
            throw MIMEError(.invalidHeader, "The subject \(MIMEError.quoted(message.subject)) contains the control character \(bad); a subject is one line.")
        }
        for header in message.headers {
            try validate(header)
        }
        if let unsubscribe = message.listUnsubscribe {
            try validate(unsubscribe)
        }
        for (index, attachment) in message.attachments.enumerated() {
            try validate(attachment, number: index + 1)
        }
    }

    private func validate(_ header: MailHeader) throws(MIMEError) {
        let nameIsValid = !header.name.isEmpty && header.name.utf8.count <= 70
            && header.name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
        guard nameIsValid else {
            throw MIMEError(.invalidHeader, "The header name \(MIMEError.quoted(header.name)) is not valid: use printable ASCII without spaces or \":\", at most 70 characters.")
        }
        guard !Self.reservedHeaderNames.contains(header.name.lowercased()) else {
            throw MIMEError(.invalidHeader, "The header \(MIMEError.quoted(header.name)) is written by the encoder itself; set it through the message's own fields.")
        }
        if let bad = Self.firstControlCharacter(in: header.value) {
            throw MIMEError(.invalidHeader, "The value of header \(MIMEError.quoted(header.name)), \(MIMEError.quoted(header.value)), contains the control character \(bad).")
        }
    }

    private func validate(_ unsubscribe: ListUnsubscribe) throws(MIMEError) {
        guard unsubscribe.url != nil || unsubscribe.mailto != nil else {
            throw MIMEError(.invalidListUnsubscribe, "List-Unsubscribe needs an https URL, a mailto address, or both.")
        }
        if let url = unsubscribe.url {
            guard url.lowercased().hasPrefix("https://") || (!unsubscribe.oneClick && url.lowercased().hasPrefix("http://")) else {
                throw MIMEError(.invalidListUnsubscribe, "The unsubscribe URL \(MIMEError.quoted(url)) must start with https:// (RFC 8058 requires HTTPS for one-click).")
            }
            try Self.checkLink(url, kind: "URL")
        }
        if let mailto = unsubscribe.mailto {
            try Self.checkLink(mailto, kind: "mailto address")
            let address = mailto.lowercased().hasPrefix("mailto:") ? String(mailto.dropFirst(7)) : mailto
            guard address.contains("@") else {
                throw MIMEError(.invalidListUnsubscribe, "The unsubscribe mailto address \(MIMEError.quoted(mailto)) has no \"@\".")
            }
        }
        if unsubscribe.oneClick, unsubscribe.url == nil {
            throw MIMEError(.invalidListUnsubscribe, "One-click unsubscribe (RFC 8058) needs an https URL; only a mailto address was given.")
        }
    }

    private static func checkLink(_ link: String, kind: String) throws(MIMEError) {
        let bad = link.unicodeScalars.first { $0.value <= 0x20 || $0.value >= 0x7F || $0 == "<" || $0 == ">" || $0 == "," || $0 == "\"" }
        if let bad {
            throw MIMEError(.invalidListUnsubscribe, "The unsubscribe \(kind) \(MIMEError.quoted(link)) contains \(MIMEError.quoted(String(bad))); percent-encode it.")
        }
    }

    private func validate(_ attachment: MailAttachment, number: Int) throws(MIMEError) {
        let name = attachment.filename
        if name.isEmpty {
            throw MIMEError(.invalidAttachment, "Attachment \(number) has an empty file name.")
        }
        if let bad = Self.firstControlCharacter(in: name) {
            throw MIMEError(.invalidAttachment, "The file name of attachment \(number), \(MIMEError.quoted(name)), contains the control character \(bad).")
        }
        let parts = attachment.contentType.split(separator: "/", omittingEmptySubsequences: false)
        let isToken: (Substring) -> Bool = { part in
            !part.isEmpty && part.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains($0) }
        }
        guard parts.count == 2, isToken(parts[0]), isToken(parts[1]) else {
            throw MIMEError(.invalidAttachment, "Attachment \(number), \(MIMEError.quoted(name)), has the content type \(MIMEError.quoted(attachment.contentType)); expected type/subtype such as \"application/pdf\".")
        }
    }

    /// `U+000A`-style name of the first control character (tab excepted), or `nil`.
    static func firstControlCharacter(in text: String) -> String? {
        text.unicodeScalars.first { $0.properties.generalCategory == .control && $0 != "\t" }
            .map { "U+" + String(format: "%04X", $0.value) }
    }
}
