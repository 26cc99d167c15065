/// A message the server accepted: the reply to the final `.` and what each recipient got.
public struct SMTPDelivery: Sendable, Hashable {
    /// The 2xx reply to the end of the data, usually naming the server's queue id.
    public let reply: SMTPReply
    /// One result per envelope recipient, in order. With several recipients some may have
    /// been refused even though the message was accepted for the others.
    public let recipients: [SMTPRecipientResult]

    /// A delivery.
    public init(reply: SMTPReply, recipients: [SMTPRecipientResult]) {
        self.reply = reply
        self.recipients = recipients
    }

    /// The recipients the server refused, with their replies.
    public var rejectedRecipients: [SMTPRecipientResult] {
        recipients.filter { !$0.isAccepted }
    }
}
