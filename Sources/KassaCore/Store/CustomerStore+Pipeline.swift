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
    ///
    /// Over stored customers only `parts` are written (see `upsert(writing:_:)`).
    @discardableResult
    public func upsert(
        prefetch: Int = 2,
        writing parts: CustomerParts = .whole,
        producedBy produce: @escaping @Sendable (_ emit: ([Customer]) throws -> Void) throws -> Void
    ) throws -> UpsertSummary {
        try piped(prefetch: prefetch, producedBy: produce) { feed in try upsert(writing: parts, feed) }
    }

    /// What `upsert(prefetch:writing:producedBy:)` would do, read and counted the same
    /// way, without writing anything (see `previewUpsert(writing:_:)`).
    public func previewUpsert(
        prefetch: Int = 2,
        writing parts: CustomerParts,
        producedBy produce: @escaping @Sendable (_ emit: ([Customer]) throws -> Void) throws -> Void
    ) throws -> UpsertPreview {
        try piped(prefetch: prefetch, producedBy: produce) { feed in try previewUpsert(writing: parts, feed) }
    }

    /// Runs `produce` on a thread of its own and `consume` here with a feed that writes
    /// the batches produced.
    private func piped<Outcome>(
        prefetch: Int,
        producedBy produce: @escaping @Sendable (_ emit: ([Customer]) throws -> Void) throws -> Void,
        _ consume: (_ feed: (any CustomerWriter) throws -> Void) throws -> Outcome
    ) throws -> Outcome {
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
        return try consume { writer in
            while let batch = try pipe.take() {
                try writer.write(batch)
                pipe.giveBack(batch)
            }
        }
    }
}
