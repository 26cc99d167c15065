// The body: text parts, attachments, and the multiparts that hold them.
extension MIMEEncoder {
    func body(of message: MailMessage, using generator: inout some RandomNumberGenerator) throws(MIMEError) -> MIMEEntity {
        var alternatives: [MIMEEntity] = []
        if let text = message.text {
            alternatives.append(textPart(subtype: "plain", text))
        }
        if let html = message.html {
            alternatives.append(textPart(subtype: "html", html))
        }
        if alternatives.isEmpty {
            alternatives.append(textPart(subtype: "plain", ""))
        }
        let main = alternatives.count == 1
            ? alternatives[0]
            : try multipart("alternative", alternatives, using: &generator)
        guard !message.attachments.isEmpty else {
            return main
        }
        let attachments = message.attachments.map(attachmentPart)
        return try multipart("mixed", [main] + attachments, using: &generator)
    }

    private func textPart(subtype: String, _ text: String) -> MIMEEntity {
        MIMEEntity(
            headers: [
                MIMEHeaderField("Content-Type", MIMEParameter.separated(["text/\(subtype)", "charset=UTF-8"])),
                MIMEHeaderField("Content-Transfer-Encoding", "quoted-printable"),
            ],
            body: QuotedPrintable.encode(text)
        )
    }

    private func attachmentPart(_ attachment: MailAttachment) -> MIMEEntity {
        // Content-Type's `name` is what older Outlook versions show; it gets the ASCII form,
        // and Content-Disposition carries the exact name for everyone else.
        let fileNameTokens = MIMEParameter.fileName("filename", attachment.filename)
        let plainName = fileNameTokens.count == 1
            ? attachment.filename
            : MIMEParameter.asciiFallback(attachment.filename)
        return MIMEEntity(
            headers: [
                MIMEHeaderField("Content-Type", MIMEParameter.separated([attachment.contentType, MIMEParameter.plain("name", plainName)])),
                MIMEHeaderField("Content-Disposition", MIMEParameter.separated(["attachment"] + fileNameTokens)),
                MIMEHeaderField("Content-Transfer-Encoding", "base64"),
            ],
            body: Base64.encodeLines(attachment.data)
        )
    }

    /// A multipart entity; the CRLF before each delimiter belongs to the delimiter (RFC 2046
    /// §5.1.1), so parts keep their bodies exactly.
    private func multipart(
        _ subtype: String,
        _ parts: [MIMEEntity],
        using generator: inout some RandomNumberGenerator
    ) throws(MIMEError) -> MIMEEntity {
        var renderedParts: [[UInt8]] = []
        for part in parts {
            renderedParts.append(try part.bytes())
        }
        var boundary = MIMEIdentifiers.boundary(using: &generator)
        // Cannot happen with quoted-printable and base64 parts; checked so that a future part
        // type cannot end the multipart early.
        while renderedParts.contains(where: { Self.contains($0, Array(boundary.utf8)) }) {
            boundary = MIMEIdentifiers.boundary(using: &generator)
        }
        let delimiter = Array("\r\n--\(boundary)".utf8)
        var body = Array("This is a multi-part message in MIME format.".utf8)
        for part in renderedParts {
            body += delimiter + [UInt8(ascii: "\r"), UInt8(ascii: "\n")] + part
        }
        body += delimiter + Array("--".utf8)
        return MIMEEntity(
            headers: [MIMEHeaderField("Content-Type", MIMEParameter.separated(["multipart/\(subtype)", MIMEParameter.plain("boundary", boundary)]))],
            body: body
        )
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
                return true
            }
            index += 1
        }
        return false
    }
}
