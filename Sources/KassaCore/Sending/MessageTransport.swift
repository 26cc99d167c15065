/// Carries messages of one channel to their recipients: SMTP or a file for e-mail; Kannel,
/// an HTTP provider or a file for SMS.
///
/// A transport is used by one sender, one message at a time, and may keep a connection open
/// between messages (`close()` ends it). It never throws for a message that could not be
/// sent; it answers with a `DeliveryOutcome`. Its calls are `async`: waiting for a server
/// blocks no thread. A cancelled task does not abandon a message in flight (its outcome
/// would be unknown): the sender stops between messages.
///
/// **The commit point.** Just before the step after which the message may have been taken
/// (writing the end of an SMTP DATA, sending the HTTP request of an SMS), the transport
/// calls `commit`. The sender records there that the outcome is in doubt from now on, so
/// that a crash afterwards leaves the message marked `unknown` (never silently resent)
/// while a crash before it leaves the message safe to send again. If `commit` throws, the
/// transport must not send and answers `.retry`.
public protocol MessageTransport: AnyObject {
    /// The channel this transport carries.
    var channel: Channel { get }

    /// Where the transport's exchanges complete (its connection's event loop): a sender runs
    /// there, so that each answer resumes it without a thread hop. `nil` (a file): anywhere.
    var executor: (any TaskExecutor)? { get }

    /// Sends `message`, calling `commit` exactly once right before the point of no return
    /// (or not at all when it gives up before it).
    func deliver(_ message: OutgoingMessage, commit: () throws -> Void) async -> DeliveryOutcome

    /// `deliver(_:commit:)` that calls `whileWaiting` at most once, after the commit point,
    /// while it waits for the answer: a sender composes its next message there, so that the
    /// work overlaps the round trip instead of following it. A transport that never waits
    /// need not call it; the sender then composes when it gets there.
    func deliver(_ message: OutgoingMessage, commit: () throws -> Void, whileWaiting: () -> Void) async -> DeliveryOutcome

    /// Readies `message` for a later `deliver` (encoding, signing) while the transport waits
    /// for an earlier one; `deliver` does whatever was not readied.
    func prepare(_ message: OutgoingMessage)

    /// Ends any open connection (after a batch: "disconnect after X mails", 001).
    func close() async
}

extension MessageTransport {
    public var executor: (any TaskExecutor)? { nil }

    public func deliver(_ message: OutgoingMessage, commit: () throws -> Void, whileWaiting: () -> Void) async -> DeliveryOutcome {
        await deliver(message, commit: commit)
    }

    public func prepare(_ message: OutgoingMessage) {}
}
