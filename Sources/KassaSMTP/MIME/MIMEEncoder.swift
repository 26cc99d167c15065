import Foundation

/// Turns a `MailMessage` into the bytes of an RFC 5322 / MIME message.
///
/// ```swift
/// let message = MailMessage(
///     from: try MailAddress(parsing: "Cykelbutiken <info@example.se>"),
///     to: [MailAddress("asa@example.se", displayName: "Åsa Öberg")],
///     subject: "Ditt kvitto från Cykelbutiken",
///     text: "Hej Åsa!", html: "<p>Hej Åsa!</p>",
///     attachments: [MailAttachment(filename: "Kvitto för Åsa.pdf", contentType: "application/pdf", data: pdf)]
/// )
/// let mail = try MIMEEncoder(timeZone: .current).encode(message)
/// stateMachine.sendMessage(mail.envelope)
/// ```
///
/// What it writes:
/// - `Date`, `From`, `Reply-To`, `To`, `Subject`, `Message-ID`, `MIME-Version: 1.0`,
///   `List-Unsubscribe` (+ `List-Unsubscribe-Post` for one-click), the extra headers.
///   Fields are folded at 76 characters; non-ASCII display names and subjects become RFC 2047
///   encoded words (UTF-8, B or Q, whichever is shorter); addresses are never encoded.
/// - Text and HTML as `quoted-printable` UTF-8 (lines of at most 76), both as
///   `multipart/alternative` (text first, so clients that can show HTML prefer it).
/// - Attachments, base64 in 76-column lines, in `multipart/mixed` after the body, with
///   `Content-Disposition: attachment`, an ASCII `filename=` and, for other names, the exact
///   name as RFC 2231 `filename*=UTF-8''…`.
/// - Boundaries that cannot occur in the parts.
///
/// The output is 7-bit (unless an address is not ASCII: then `requiresSMTPUTF8`), has CRLF
/// line ends and no line over 998 octets, so it passes `SMTPDataEncoder` without 8BITMIME.
public struct MIMEEncoder: Sendable {
    /// The time zone of the `Date` header: the shop's.
    public var timeZone: TimeZone
    /// The domain after `@` in Message-IDs; `nil` takes the sender's domain.
    public var messageIDDomain: String?
    /// An encoder.
    public init(timeZone: TimeZone = .current, messageIDDomain: String? = nil) {
        self.timeZone = timeZone
        self.messageIDDomain = messageIDDomain
    }

    /// Encodes `message`, dated `date`, with random boundaries and Message-ID.
    public func encode(_ message: MailMessage, date: Date = Date()) throws(MIMEError) -> EncodedMail {
        var generator = SystemRandomNumberGenerator()
        return try encode(message, date: date, using: &generator)
    }

    /// Encodes `message` with randomness from `generator` (seeded in tests, so the output can
    /// be compared).
    public func encode(
        _ message: MailMessage,
        date: Date,
        using generator: inout some RandomNumberGenerator
    ) throws(MIMEError) -> EncodedMail {
        try validate(message)
        let domain = MIMEIdentifiers.domain(preferred: messageIDDomain, sender: message.from)
        let messageID = MIMEIdentifiers.messageID(date: date, domain: domain, using: &generator)

        var entity = try body(of: message, using: &generator)
        entity.headers = headerFields(of: message, date: date, messageID: messageID) + entity.headers
        var bytes = try entity.bytes()
        if bytes.last != UInt8(ascii: "\n") {
            bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        }

        let addresses = [message.from] + message.to + (message.replyTo.map { [$0] } ?? [])
        return EncodedMail(
            bytes: bytes,
            messageID: messageID,
            sender: message.from.address,
            recipients: message.to.map(\.address),
            requiresSMTPUTF8: addresses.contains { $0.isInternationalized }
        )
    }
}
