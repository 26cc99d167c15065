import KassaCore
import KassaDemo

extension Shop {
    /// Adds `count` deterministic demo customers (`seed` picks which) to the register, made
    /// when there is none yet; `progress` is called with each batch's size as it is written.
    ///
    /// - Returns: how many were inserted and how many updated (a second seed over the same
    ///   numbers updates them).
    public func seedDemoCustomers(count: Int, seed: UInt64, progress: (Int) -> Void = { _ in }) throws -> UpsertSummary {
        let store = try customersCreatingRegister()
        return try store.upsert { writer in
            for batch in DemoRegister.batches(count: count, seed: seed, batchSize: 5_000) {
                try writer.write(batch)
                progress(batch.count)
            }
        }
    }
}
