import Foundation

/// A message a test SMTP server accepted, as it arrived.
public struct CapturedMail: Sendable {
    /// The `.eml` file.
    public var path: String
    /// The message bytes as the server received them (dot-stuffing removed).
    public var bytes: [UInt8]
    /// The envelope sender (`MAIL FROM`).
    public var mailFrom: String
    /// The envelope recipients the server accepted.
    public var recipients: [String]
    /// The `MAIL FROM` parameters (`SIZE=…`, `BODY=8BITMIME`).
    public var mailOptions: [String]
    /// The AUTH login, when the client authenticated.
    public var login: String?
    /// Whether the message came over TLS.
    public var overTLS: Bool

    /// The message as text (it is 7-bit unless SMTPUTF8 was used).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
