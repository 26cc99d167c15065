/// A message encoded by `MIMEEncoder`: its bytes, its Message-ID and its envelope.
public struct EncodedMail: Sendable, Hashable {
    /// The RFC 5322 message with CRLF line ends: headers, a blank line, the MIME body. Not
    /// dot-stuffed.
    public let bytes: [UInt8]
    /// The Message-ID without angle brackets (`1kq3x9.7f3a…@example.se`); the header says
    /// `Message-ID: <…>`.
    public let messageID: String
    /// The envelope sender: the address of `from`.
    public let sender: String
    /// The envelope recipients: the addresses of `to`.
    public let recipients: [String]
    /// Whether an address is not ASCII, so the server must offer SMTPUTF8. Everything else
    /// the encoder writes is 7-bit: quoted-printable text, base64 attachments and RFC 2047
    /// encoded words.
    public let requiresSMTPUTF8: Bool

    /// The envelope for `SMTPClientStateMachine.sendMessage(_:)`.
    public var envelope: SMTPEnvelope {
        SMTPEnvelope(from: sender, recipients: recipients, message: bytes, requiresSMTPUTF8: requiresSMTPUTF8)
    }
}
