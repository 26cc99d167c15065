import Testing
@testable import KassaCore
import KassaDemo
@testable import KassaSQLite

@Suite("Demo register in the SQLite store")
struct DemoRegisterStorageTests {
    @Test("demo customers go through the store unchanged")
    func throughTheStore() throws {
        let customers = DemoRegister.generate(count: 1_500, seed: 3)
        let store = try SQLiteCustomerStore.inMemory()
        let summary = try store.upsert { writer in
            for batch in DemoRegister.batches(count: 1_500, seed: 3, batchSize: 400) { try writer.write(batch) }
        }
        #expect(summary == UpsertSummary(inserted: 1_500, updated: 0))
        #expect(try store.allCustomers(CustomerSelection(), batchSize: 250) == customers)
    }
}
