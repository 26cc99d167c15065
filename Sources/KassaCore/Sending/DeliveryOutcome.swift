/// What became of one message handed to a transport.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The server or provider took it; `reference` is its id for the message, if it gave one.
    /// Kannel's "3: Queued for later delivery" is sent too: the gateway holds the message
    /// and delivers it once an SMS centre is connected, so sending it again would send it
    /// twice.
    case sent(reference: String?)
    /// Not sent, and worth trying again later (a 4xx SMTP reply, an HTTP 429 or 5xx, Kannel's
    /// "Temporal failure", a connection that failed before the message was committed).
    case retry(reason: String)
    /// Never deliverable as it is (a 5xx reply, a number the provider cannot route).
    case failed(reason: String)
    /// Perhaps sent: the connection was lost after the message was committed and before
    /// the answer came. Never resent without the user's explicit say.
    case unknown(reason: String)
}
