/// What the server answered to the `RCPT TO` of one recipient.
public struct SMTPRecipientResult: Sendable, Hashable {
    /// The recipient's address as given in the envelope.
    public let recipient: String
    /// The server's reply to `RCPT TO`, or `nil` when none came (the session ended first).
    public let reply: SMTPReply?

    /// A result.
    public init(recipient: String, reply: SMTPReply?) {
        self.recipient = recipient
        self.reply = reply
    }

    /// Whether the server accepted the recipient (2xx).
    public var isAccepted: Bool { reply?.isPositiveCompletion ?? false }

    /// How the recipient failed, or `nil` when it was accepted: temporary for 4xx or no
    /// reply, permanent for 5xx.
    public var failure: SMTPFailureKind? {
        guard let reply else { return .temporary }
        switch reply.category {
        case .positiveCompletion: return nil
        case .permanentNegative: return .permanent
        case .positiveIntermediate, .transientNegative: return .temporary
        }
    }
}
