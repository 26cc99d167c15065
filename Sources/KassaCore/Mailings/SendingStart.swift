/// What `MailingStore.beginSending` found and changed.
public struct SendingStart: Sendable, Hashable {
    /// Rows a dead sender left `committing`, now `unknown`.
    public var newlyUnknown: Int
    /// `unknown` rows put back to `pending` on request.
    public var requeued: Int
    /// `failed` rows put back to `pending` on request.
    public var retried: Int

    public init(newlyUnknown: Int, requeued: Int, retried: Int = 0) {
        self.newlyUnknown = newlyUnknown
        self.requeued = requeued
        self.retried = retried
    }
}
