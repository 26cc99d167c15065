/// What became of one message an `SMTPClient` sent.
public enum SMTPMessageOutcome: Sendable, Hashable {
    /// The server took the message.
    case accepted(SMTPDelivery)
    /// The message was not sent; `kind` says whether a later attempt may succeed.
    case failed(SMTPDeliveryFailure)
    /// The connection was lost after the end of the data was written and before the server
    /// answered: the message may have been delivered. Never resend it without a person
    /// deciding.
    case unknown(SMTPError)
}
