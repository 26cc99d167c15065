/// What an order service provider throws when a batch went out and no answer came (the
/// connection broke, or the answer was late): the service may have taken it.
///
/// `sent` is the batch as it went out, its id the `Idempotency-Key`; `CardOrderService`
/// records the orders `unknown` with it, so that a retry sends the same batch again.
public struct CardOrderUnanswered: Error, Sendable, Hashable, CustomStringConvertible {
    /// The batch as sent; its `reference` is `nil`.
    public let sent: CardOrderReceipt
    /// Why no answer came, a sentence naming the service.
    public let reason: String

    /// An unanswered batch from its parts.
    public init(sent: CardOrderReceipt, reason: String) {
        self.sent = sent
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}
