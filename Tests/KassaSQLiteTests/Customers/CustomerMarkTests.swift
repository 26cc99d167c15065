import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("The manual selection (marks)")
struct CustomerMarkTests {
    @Test("mark, unmark and reset report what changed")
    func markUnmarkReset() throws {
        let store = try StoreFixtures.store()
        #expect(try store.mark(["3", "1", "3"]) == 2)
        #expect(try store.mark(["1", "12"]) == 1)
        #expect(try store.markedNumbers() == ["1", "3", "12"])
        #expect(try store.unmark(["3", "5"]) == 1)
        #expect(try store.markedNumbers() == ["1", "12"])
        #expect(try store.resetMarks() == 2)
        #expect(try store.markedNumbers().isEmpty)
    }

    @Test("unknown numbers are an error naming every one of them, and nothing is marked")
    func unknownNumbers() throws {
        let store = try StoreFixtures.store()
        let error = try #require(throws: StoreError.self) { try store.mark(["1", "404", "2", "405"]) }
        #expect(error.code == .unknownCustomers)
        #expect(error.numbers == ["404", "405"])
        #expect(error.message == "There are no customers with numbers \"404\", \"405\".")
        #expect(try store.markedNumbers().isEmpty)

        try store.mark(["1"])
        let single = try #require(throws: StoreError.self) { try store.unmark(["1", "999"]) }
        #expect(single.message == "There is no customer with number \"999\".")
        #expect(try store.markedNumbers() == ["1"])
    }

    @Test("marks survive closing the file and re-importing the customer, until reset")
    func marksPersist() throws {
        let folder = try StoreTestFolder()
        let path = folder.path("marks.sqlite")
        do {
            let store = try SQLiteCustomerStore(path: path)
            try store.upsert(StoreFixtures.register)
            try store.mark(["4", "7"])
        }
        do {
            let store = try SQLiteCustomerStore(path: path)
            #expect(try store.markedNumbers() == ["4", "7"])
            var changed = StoreFixtures.register[3]
            changed.points = 4444
            #expect(try store.upsert([changed]) == UpsertSummary(inserted: 0, updated: 1))
            var marked = CustomerSelection()
            marked.markedOnly = true
            #expect(try store.allNumbers(marked) == ["4", "7"])
            try store.resetMarks()
        }
        let store = try SQLiteCustomerStore(path: path)
        #expect(try store.markedNumbers().isEmpty)
    }
}
