import KassaCore

/// Why an SMTP session, a message or a server reply failed.
///
/// `code` is stable for programs; `message` is a sentence for people that names the bad
/// value and, when a server reply caused the failure, quotes it. `reply` holds that reply.
/// Codes may be added; switch over them with a `default`.
public struct SMTPError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure.
    public typealias Code = ErrorCode<SMTPError>

    /// What kind of failure this is.
    public let code: Code
    /// A sentence that names the bad value or quotes the server.
    public let message: String
    /// The server reply that caused the failure, when one did.
    public let reply: SMTPReply?

    init(_ code: Code, _ message: String, reply: SMTPReply? = nil) {
        self.code = code
        self.message = message
        self.reply = reply
    }
}

extension SMTPError {
    /// `text` quoted for a message: on one line, control characters escaped, cut at `limit`.
    static func quoted(_ text: some StringProtocol, limit: Int = 120) -> String {
        var result = "\""
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset == limit {
                result += "…"
                break
            }
            switch scalar {
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\"": result += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Bytes quoted for a message, decoded as UTF-8 with replacement characters.
    static func quoted(bytes: some Collection<UInt8>, limit: Int = 120) -> String {
        quoted(String(decoding: bytes.prefix(limit * 4), as: UTF8.self), limit: limit)
    }

    /// A reply for a message: `"550 5.1.1 No such user"`.
    static func quoted(_ reply: SMTPReply) -> String {
        quoted(reply.description, limit: 200)
    }
}

extension ErrorCode where Domain == SMTPError {
    // Reading the server's bytes.

    /// Bytes that are not an SMTP reply (no three-digit code, codes that change inside a
    /// multi-line reply, …).
    public static var malformedReply: Self { Self("malformed_reply") }
    /// A reply line, or a multi-line reply, longer than the parser accepts.
    public static var replyTooLong: Self { Self("reply_too_long") }
    /// A reply the protocol does not allow at this point (a reply while the TLS handshake
    /// runs, a 3xx where 250 was due, …).
    public static var unexpectedReply: Self { Self("unexpected_reply") }

    // The session.

    /// The server answered 421: it is closing the connection; try again later.
    public static var serviceNotAvailable: Self { Self("service_not_available") }
    /// The greeting was not 220 (usually 554: "no SMTP service here").
    public static var greetingRefused: Self { Self("greeting_refused") }
    /// Both EHLO and HELO were refused.
    public static var helloRefused: Self { Self("hello_refused") }
    /// STARTTLS is configured but the server does not offer it: Kassa will not send in
    /// clear text.
    public static var startTLSNotOffered: Self { Self("start_tls_not_offered") }
    /// The server refused the STARTTLS command.
    public static var startTLSRefused: Self { Self("start_tls_refused") }
    /// The TLS handshake failed (reported by the channel through `errorCaught`).
    public static var tlsFailed: Self { Self("tls_failed") }
    /// Credentials are configured but the server offers no mechanism Kassa supports.
    public static var authenticationNotSupported: Self { Self("authentication_not_supported") }
    /// The server refused the credentials (535) or could not check them (454).
    public static var authenticationFailed: Self { Self("authentication_failed") }
    /// The server wants authentication (530) and none is configured.
    public static var authenticationRequired: Self { Self("authentication_required") }
    /// RSET was refused, so the connection cannot be reused.
    public static var resetFailed: Self { Self("reset_failed") }
    /// The connection closed before the session ended.
    public static var connectionClosed: Self { Self("connection_closed") }
    /// The connection could not be opened (refused, unreachable, no such host, timeout).
    public static var connectionFailed: Self { Self("connection_failed") }
    /// The server did not answer in time.
    public static var timeout: Self { Self("timeout") }
    /// The configuration cannot be used (an EHLO name with spaces, a NUL in a password, …).
    public static var invalidConfiguration: Self { Self("invalid_configuration") }
    /// A message was handed over while the session could not take one.
    public static var notReady: Self { Self("not_ready") }

    // One message.

    /// The server refused `MAIL FROM`.
    public static var senderRejected: Self { Self("sender_rejected") }
    /// The server refused every `RCPT TO`.
    public static var recipientsRejected: Self { Self("recipients_rejected") }
    /// The server refused the `DATA` command.
    public static var dataRejected: Self { Self("data_rejected") }
    /// The server refused the message after receiving it (the reply to the final `.`).
    public static var messageRejected: Self { Self("message_rejected") }
    /// An envelope address that cannot be sent (empty, with spaces, `<`, `>` or control
    /// characters).
    public static var invalidAddress: Self { Self("invalid_address") }
    /// An envelope without recipients.
    public static var noRecipients: Self { Self("no_recipients") }
    /// A line of the message is longer than 998 octets.
    public static var lineTooLong: Self { Self("line_too_long") }
    /// The message contains a byte SMTP cannot carry (NUL).
    public static var invalidMessageData: Self { Self("invalid_message_data") }
    /// The message has 8-bit bytes and the server does not offer 8BITMIME.
    public static var eightBitNotSupported: Self { Self("eight_bit_not_supported") }
    /// The message needs SMTPUTF8 (non-ASCII addresses) and the server does not offer it.
    public static var smtpUTF8NotSupported: Self { Self("smtputf8_not_supported") }
    /// The message is larger than the server's SIZE limit.
    public static var messageTooLarge: Self { Self("message_too_large") }
    /// The caller's commit step (recording that the outcome is in doubt) failed, so the
    /// end of the data was not written and the message was not sent.
    public static var commitFailed: Self { Self("commit_failed") }
}
