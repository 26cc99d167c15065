/// A pull-based stream of batches (customers, customer numbers) read from a store.
///
/// Call `next()` until it returns `nil`. Batches are never empty, and hold at most the
/// batch size asked for (fewer when a custom filter dropped some). A cursor belongs to one
/// consumer: it is not `Sendable`. Each batch is read in its own short read, so the caller
/// may write to the store (mark customers, record sends) between two calls.
public final class BatchCursor<Element> {
    private var produce: (() throws -> [Element]?)?

    /// A cursor whose batches come from `produce`; `produce` returns `nil` once exhausted
    /// and is not called again after that or after it threw.
    public init(_ produce: @escaping () throws -> [Element]?) {
        self.produce = produce
    }

    /// The next non-empty batch, or `nil` at the end.
    public func next() throws -> [Element]? {
        guard let produce else { return nil }
        do {
            while let batch = try produce() {
                if !batch.isEmpty { return batch }
            }
        } catch {
            self.produce = nil
            throw error
        }
        self.produce = nil
        return nil
    }

    /// Calls `body` with every remaining batch, in order.
    public func forEach(_ body: ([Element]) throws -> Void) throws {
        while let batch = try next() {
            try body(batch)
        }
    }

    /// A cursor over the same batches, each element transformed by `transform`.
    public func map<Mapped>(_ transform: @escaping (Element) throws -> Mapped) -> BatchCursor<Mapped> {
        BatchCursor<Mapped> { try self.next()?.map(transform) }
    }
}

/// Batches of customers, in customer-number order.
public typealias CustomerBatches = BatchCursor<Customer>

/// Batches of customer numbers, in customer-number order.
public typealias CustomerNumberBatches = BatchCursor<String>
