/// An order service for customer cards: takes a batch of orders and says where they went.
///
/// `KassaCards` implements it: the file provider, the default that works on a fresh machine,
/// and a service reached over HTTP. Implementations either take
/// the whole batch or throw and take none of it, so a caller can mark the orders
/// `submitted` exactly when `submit` returns; a service that may have taken the batch
/// without saying so throws `CardOrderUnanswered`.
public protocol CardOrderProvider: Sendable {
    /// Hands `orders` to the service as one batch.
    ///
    /// - Throws: `CardOrderUnanswered` when the batch went out and no answer came; any
    ///   other error when the batch was not taken, and nothing of it is left at the
    ///   service. An empty batch is refused (`CardError` `empty_batch`).
    func submit(_ orders: [CardOrder]) throws -> CardOrderReceipt

    /// Hands `orders` to the service again as the batch `sent`, whose answer never came:
    /// same batch id (the `Idempotency-Key`), same time, so that a service that took it
    /// the first time recognises it.
    ///
    /// - Throws: as `submit`.
    func resubmit(_ orders: [CardOrder], as sent: CardOrderReceipt) throws -> CardOrderReceipt
}

extension CardOrderProvider {
    /// A provider whose batches are never left unanswered (the file provider writes them
    /// whole or not at all) submits anew.
    public func resubmit(_ orders: [CardOrder], as sent: CardOrderReceipt) throws -> CardOrderReceipt {
        try submit(orders)
    }
}
