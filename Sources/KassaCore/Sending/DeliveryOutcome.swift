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
    /// Not sent, through no fault of this message: the session itself cannot carry mail
    /// (credentials refused, TLS required but not offered or failing, the server or gateway
    /// unreachable). Every other message would fail the same way, so the sender stops the
    /// run and leaves this message and the rest to send once the cause is fixed. A transport
    /// answers this only when the message was certainly not taken.
    case sessionFailed(reason: String)
}
