import Foundation

/// A bounded hand-over of customer batches from one producing thread to the writer.
///
/// The producer blocks while `capacity` batches wait; the writer blocks while none do.
/// Cancelling wakes both and makes the producer's next `put` throw. Batches the writer is
/// done with go back (`giveBack`) and are freed on the producer's thread: freeing a
/// million customers costs the writer, the busier of the two, a tenth of its time, and
/// freeing memory on the thread that allocated it spares the allocator's locks.
final class CustomerBatchPipe: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [[Customer]] = []
    private var done: [[Customer]] = []
    private var finished = false
    private var producerExited = false
    private var producerError: (any Error)?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Hands a batch to the writer; throws `CancellationError` once the writer gave up.
    func put(_ batch: [Customer]) throws {
        condition.lock()
        while waiting.count >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw CancellationError()
        }
        waiting.append(batch)
        let toFree = done
        done = []
        condition.broadcast()
        condition.unlock()
        _ = consume toFree
    }

    /// Hands a written batch back, to be freed by the producer.
    func giveBack(_ batch: consuming [Customer]) {
        condition.lock()
        if !producerExited { done.append(batch) }
        condition.unlock()
    }

    /// The producer is done, with the error that stopped it, if any.
    func finish(throwing error: (any Error)?) {
        condition.lock()
        finished = true
        producerExited = true
        producerError = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; `nil` when the producer finished; rethrows the producer's error.
    func take() throws -> [Customer]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        if !waiting.isEmpty {
            condition.broadcast()
            return waiting.removeFirst()
        }
        if let producerError, !(producerError is CancellationError) { throw producerError }
        return nil
    }

    /// Stops the producer (its next `put` throws) and waits until it has returned, so no
    /// producer outlives the upsert it fed.
    func cancelAndWaitForProducer() {
        condition.lock()
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        while !producerExited { condition.wait() }
        condition.unlock()
    }
}
