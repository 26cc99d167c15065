/// An order service for customer cards: takes a batch of orders and says where they went.
///
/// The file provider (`FileCardOrderProvider`) is the default and works on a fresh machine;
/// a service reached over HTTP implements the same protocol. Implementations either take
/// the whole batch or throw and take none of it, so a caller can mark the orders
/// `submitted` exactly when `submit` returns.
public protocol CardOrderProvider: Sendable {
    /// Hands `orders` to the service as one batch.
    ///
    /// - Throws: when the batch was not taken; nothing of it is left at the service.
    ///   An empty batch is refused (`CardError` `empty_batch`).
    func submit(_ orders: [CardOrder]) throws -> CardOrderReceipt
}
