import Foundation

extension CustomerStore {
    /// Upserts every batch that `produce` hands to `emit`, in one transaction, while
    /// `produce` runs on a thread of its own: reading and parsing a file (or generating
    /// demo customers) on one core overlaps with the store's writing on another.
    ///
    /// At most `prefetch` batches wait between the two, so memory stays bounded. All or
    /// nothing, as `upsert(_:)`: when `produce` throws, its error is rethrown and nothing
    /// is written; when writing fails, `emit` throws `CancellationError` so `produce`
    /// stops, and the write error is rethrown. Returns once `produce` has returned.
    @discardableResult
    public func upsert(
        prefetch: Int = 2,
        producedBy produce: @escaping @Sendable (_ emit: ([Customer]) throws -> Void) throws -> Void
    ) throws -> UpsertSummary {
        let pipe = CustomerBatchPipe(capacity: prefetch)
        let producer = Thread {
            do {
                try produce { try pipe.put($0) }
                pipe.finish(throwing: nil)
            } catch {
                pipe.finish(throwing: error)
            }
        }
        producer.name = "kassa.customer-producer"
        producer.start()
        defer { pipe.cancelAndWaitForProducer() }
        return try upsert { writer in
            while let batch = try pipe.take() {
                try writer.write(batch)
                pipe.giveBack(batch)
            }
        }
    }
}
