import Foundation
import Testing
@testable import KassaCore
import KassaDemo
@testable import KassaSQLite

/// What the producer thread saw, read by the test afterwards.
private final class ProducerLog: @unchecked Sendable {
    private let lock = NSLock()
    private var emitted = 0
    private var stoppedBy: (any Error)?

    func record(emitted count: Int) { lock.withLock { emitted += count } }
    func record(stoppedBy error: any Error) { lock.withLock { stoppedBy = error } }
    var emittedCount: Int { lock.withLock { emitted } }
    var stopError: (any Error)? { lock.withLock { stoppedBy } }
}

@Suite("Upserts fed from a producer thread")
struct CustomerStorePipelineTests {
    @Test("every produced batch is written in one upsert")
    func writesEverything() throws {
        let store = try SQLiteCustomerStore.inMemory()
        let summary = try store.upsert(producedBy: { emit in
            for batch in DemoRegister.batches(count: 1_000, seed: 1, batchSize: 90) { try emit(batch) }
        })
        #expect(summary == UpsertSummary(inserted: 1_000, updated: 0))
        #expect(try store.allNumbers(CustomerSelection()) == DemoRegister.generate(count: 1_000, seed: 1).map(\.number))
    }

    @Test("a producer's error is rethrown and nothing is written")
    func producerFails() throws {
        struct BadLine: Error, Equatable { let line: Int }
        let store = try StoreFixtures.store()
        #expect(throws: BadLine(line: 3)) {
            try store.upsert(producedBy: { emit in
                try emit([Customer(number: "500")])
                try emit([Customer(number: "501")])
                throw BadLine(line: 3)
            })
        }
        #expect(try store.count() == StoreFixtures.register.count)
    }

    @Test("a write error stops the producer and is rethrown; nothing is written")
    func writerFails() throws {
        let store = try SQLiteCustomerStore.inMemory()
        let log = ProducerLog()
        let error = try #require(throws: StoreError.self) {
            try store.upsert(prefetch: 1, producedBy: { emit in
                do {
                    for index in 0..<10_000 {
                        try emit([Customer(number: index == 3 ? "" : "\(index)")])
                        log.record(emitted: 1)
                    }
                } catch {
                    log.record(stoppedBy: error)
                    throw error
                }
            })
        }
        #expect(error.code == .invalidCustomer)
        #expect(log.stopError is CancellationError)
        #expect(log.emittedCount < 10_000)
        #expect(try store.count() == 0)
    }
}
