/// A message that was not sent: whether to retry, why, and what each recipient got.
public struct SMTPDeliveryFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Temporary (retry later, with back-off) or permanent (report, do not retry).
    public let kind: SMTPFailureKind
    /// Why; `error.reply` is the server reply that decided, when one did.
    public let error: SMTPError
    /// One result per envelope recipient, in order; empty when the transaction never reached
    /// `RCPT TO` (a message refused before any command, a lost connection after `MAIL FROM`).
    public let recipients: [SMTPRecipientResult]
    /// Whether the session failed, not the message: no connection could be opened, or
    /// opening the session (greeting, EHLO, STARTTLS, TLS, AUTH) failed, so no message could
    /// have been sent and the next one would fail the same way until the cause is fixed
    /// (or, when `kind` is temporary, until the server is back).
    public let isSessionFailure: Bool

    /// A failure.
    public init(kind: SMTPFailureKind, error: SMTPError, recipients: [SMTPRecipientResult] = [], isSessionFailure: Bool = false) {
        self.kind = kind
        self.error = error
        self.recipients = recipients
        self.isSessionFailure = isSessionFailure
    }

    /// The server reply that decided, when one did.
    public var reply: SMTPReply? { error.reply }

    /// `"temporary failure: …"` / `"permanent failure: …"`.
    public var description: String { "\(kind.rawValue) failure: \(error.message)" }
}
