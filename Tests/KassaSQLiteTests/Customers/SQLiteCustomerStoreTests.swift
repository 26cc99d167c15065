import Foundation
import GRDB
import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("SQLiteCustomerStore: schema, upsert, reading")
struct SQLiteCustomerStoreTests {
    @Test("a fresh file is created, migrated to WAL, and keeps its customers when reopened")
    func freshFileAndReopen() throws {
        let folder = try StoreTestFolder()
        let path = folder.path("kassa.sqlite")
        #expect(!FileManager.default.fileExists(atPath: path))
        do {
            let store = try SQLiteCustomerStore(path: path)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try store.count() == 0)
            let tables = try store.database.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            }
            for table in ["customer", "customer_mark"] {
                #expect(tables.contains(table), "missing table \(table)")
            }
            let journalMode = try store.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(journalMode == "wal")
            let columns = try store.database.read { db in try db.columns(in: "customer").map(\.name) }
            for column in Customer.Field.allCases.map(\.rawValue) + ["vehicles", "cards", "attributes"] {
                #expect(columns.contains(column), "no column for \(column)")
            }
            try store.upsert([StoreFixtures.complete])
        }
        let reopened = try SQLiteCustomerStore(path: path)
        #expect(try reopened.count() == 1)
        #expect(try reopened.customer(number: "1001") == StoreFixtures.complete)
        let migrations = try reopened.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations == ["customer-v1"])
    }

    @Test("opening a register whose schema is current and reading it leaves the file's bytes as they were")
    func readingLeavesTheFileAlone() throws {
        let folder = try StoreTestFolder()
        let path = folder.path("kassa.sqlite")
        do {
            let store = try SQLiteCustomerStore(path: path)
            _ = try SQLiteMailingStore(customers: store)
            _ = try SQLiteLoyaltyStore(customers: store)
            try store.upsert(StoreFixtures.register)
        }
        let before = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for _ in 0..<2 {
            let store = try SQLiteCustomerStore(path: path)
            let mailings = try SQLiteMailingStore(customers: store)
            let loyalty = try SQLiteLoyaltyStore(customers: store)
            #expect(try store.count() == StoreFixtures.register.count)
            #expect(try store.countMatchingCriteria(CustomerSelection()) == StoreFixtures.register.count)
            #expect(try mailings.mailings().isEmpty)
            #expect(try loyalty.chequeBatches().isEmpty)
        }
        let after = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(after.count == before.count, "the file grew from \(before.count) to \(after.count) bytes")
        let changed = before.indices.filter { $0 < after.count }.filter { before[$0] != after[$0] }
        #expect(changed.count == 0, "bytes changed, the first at offsets \(changed.prefix(12))")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "a -wal file was left behind")
    }

    @Test("a folder that does not exist is a database error naming the path")
    func missingFolder() throws {
        let folder = try StoreTestFolder()
        let path = folder.path("no/such/folder/kassa.sqlite")
        let error = try #require(throws: StoreError.self) { try SQLiteCustomerStore(path: path) }
        #expect(error.code == .database)
        #expect(error.message.contains(path))
    }

    @Test("every field, vehicle, card, contact e-mail and attribute comes back as written")
    func roundTrip() throws {
        let store = try StoreFixtures.store([StoreFixtures.complete])
        let stored = try #require(try store.customer(number: "1001"))
        #expect(stored == StoreFixtures.complete)
        #expect(try store.customer(number: "1002") == nil)
    }

    @Test("blank text is stored as absent and countries in upper case")
    func normalization() throws {
        var customer = Customer(number: "77", firstName: "  ", email: "", mobile: " \t", country: " se ")
        customer.contactEmails = ["", "a@b.example", "   "]
        customer.vehicles = [Vehicle(type: "", brand: "Volvo")]
        let store = try StoreFixtures.store([customer])
        let stored = try #require(try store.customer(number: "77"))
        #expect(stored.firstName == nil)
        #expect(stored.email == nil)
        #expect(stored.mobile == nil)
        #expect(stored.country == "SE")
        #expect(stored.contactEmails == ["a@b.example"])
        #expect(stored.vehicles == [Vehicle(type: nil, brand: "Volvo")])
    }

    @Test("vehicles, cards, contact e-mails and attributes with quotes, backslashes, control characters and non-ASCII text come back as written")
    func listValuesNeedingEscapes() throws {
        let odd = "a \"quoted\" \\ back\\slash\nline\ttab\u{1}ctrl Ünïcødé 🚲 ]},{"
        let customer = Customer(
            number: "88",
            contactEmails: ["\"odd\"@example.com", "ö@example.com"],
            vehicles: [Vehicle(type: odd, brand: "Ö\"B", model: odd, plate: "\\"), Vehicle(plate: "P 1")],
            cards: [CustomerCard(number: odd, template: nil, validUntil: nil, status: "\"blocked\"")],
            attributes: [odd: odd, "plain": "x", "\"key\"": ""])
        let store = try StoreFixtures.store([customer])
        #expect(try store.customer(number: "88") == customer)
        var selection = CustomerSelection()
        selection.vehicleBrands = ["ö\"b"]
        selection.vehicleBrandIgnoresCase = true
        #expect(try store.countMatchingCriteria(selection) == 1)
        selection.vehicleTypes = [odd]
        #expect(try store.countMatchingCriteria(selection) == 1)
        selection.vehicleBrandIgnoresCase = false
        #expect(try store.countMatchingCriteria(selection) == 0)
    }

    @Test("upsert reports inserted and updated customers and replaces a customer whole")
    func insertThenUpdate() throws {
        let store = try SQLiteCustomerStore.inMemory()
        let first = try store.upsert(Array(StoreFixtures.register.prefix(3)))
        #expect(first == UpsertSummary(inserted: 3, updated: 0))

        var changed = StoreFixtures.register[1]
        changed.points = 9999
        changed.vehicles = [Vehicle(type: "car", brand: "BMW", model: "X1")]
        changed.attributes = ["language": "de"]
        changed.email = nil
        let second = try store.upsert([changed, StoreFixtures.register[3]])
        #expect(second == UpsertSummary(inserted: 1, updated: 1))
        #expect(try store.count() == 4)
        #expect(try store.customer(number: "2") == changed)
        #expect(try store.customer(number: "1") == StoreFixtures.register[0])
    }

    @Test("large batches: new and existing numbers and a number given twice, across groups",
          arguments: [1, 31, 32, 33, 100])
    func largeBatches(chunk: Int) throws {
        let store = try SQLiteCustomerStore.inMemory()
        let existing = (0..<40).map { Customer(number: "\($0 * 3)", points: $0, vehicles: [Vehicle(brand: "Old")]) }
        try store.upsert(existing)

        var batch = (0..<100).map { index in
            Customer(number: "\(index)", points: 1000 + index, vehicles: [Vehicle(brand: "New\(index)")],
                     attributes: ["n": "\(index)"])
        }
        // Number 50 again, later in the batch: the last one wins.
        batch.insert(Customer(number: "50", points: 5, vehicles: [Vehicle(brand: "First50")]), at: 10)
        let summary = try store.upsert { writer in
            var start = 0
            while start < batch.count {
                try writer.write(Array(batch[start..<min(start + chunk, batch.count)]))
                start += chunk
            }
        }
        let existingBelow100 = existing.filter { Int($0.number)! < 100 }.count
        #expect(summary.inserted == 100 - existingBelow100)
        #expect(summary.updated == existingBelow100 + 1)
        #expect(try store.count() == 100 + existing.count - existingBelow100)
        for index in [0, 3, 50, 51, 99] {
            let stored = try #require(try store.customer(number: "\(index)"))
            #expect(stored.points == 1000 + index)
            #expect(stored.vehicles == [Vehicle(brand: "New\(index)")])
            #expect(stored.attributes == ["n": "\(index)"])
        }
        #expect(try store.customer(number: "117")?.vehicles == [Vehicle(brand: "Old")])
    }

    @Test("a batch with an invalid customer writes nothing, not even the valid ones before it")
    func invalidCustomerWritesNothing() throws {
        let store = try StoreFixtures.store(Array(StoreFixtures.register.prefix(2)))
        var changed = StoreFixtures.register[0]
        changed.points = 1
        let batch = [changed] + (100..<150).map { Customer(number: "\($0)") } + [Customer(number: "  ")]
        let error = try #require(throws: StoreError.self) { try store.upsert(batch) }
        #expect(error.code == .invalidCustomer)
        #expect(error.message == "Customer 52 of the batch has no customer number.")
        #expect(try store.count() == 2)
        #expect(try store.customer(number: "1") == StoreFixtures.register[0])
    }

    @Test("numbers with spaces around them or longer than 64 bytes are refused by name")
    func badNumbers() throws {
        let store = try SQLiteCustomerStore.inMemory()
        let spaced = try #require(throws: StoreError.self) { try store.upsert([Customer(number: " 12")]) }
        #expect(spaced.message == "Customer 1 of the batch has the number \" 12\", with spaces around it.")
        let long = String(repeating: "9", count: 65)
        let tooLong = try #require(throws: StoreError.self) { try store.upsert([Customer(number: long)]) }
        #expect(tooLong.message.contains("longer than 64 bytes"))
        #expect(try store.count() == 0)
    }

    @Test("a feed that throws after writing some chunks leaves the register as it was")
    func failingFeedWritesNothing() throws {
        struct ParseFailure: Error {}
        let store = try StoreFixtures.store()
        #expect(throws: ParseFailure.self) {
            try store.upsert { writer in
                try writer.write((1000..<3000).map { Customer(number: "\($0)") })
                try writer.write([Customer(number: "1", points: 0)])
                throw ParseFailure()
            }
        }
        #expect(try store.count() == StoreFixtures.register.count)
        #expect(try store.customer(number: "1") == StoreFixtures.register[0])
    }

    @Test("a writer kept after its upsert ended refuses to write")
    func writerAfterUpsert() throws {
        let store = try SQLiteCustomerStore.inMemory()
        nonisolated(unsafe) var kept: (any CustomerWriter)?
        try store.upsert { writer in kept = writer }
        let writer = try #require(kept)
        let error = try #require(throws: StoreError.self) { try writer.write([Customer(number: "1")]) }
        #expect(error.code == .invalidArgument)
        #expect(try store.count() == 0)
    }

    @Test("selections come in customer-number order, numeric numbers numerically")
    func numberOrder() throws {
        let store = try StoreFixtures.store(["10", "9", "100", "2", "A7", "1"].map { Customer(number: $0) })
        #expect(try store.allNumbers(CustomerSelection()) == ["1", "2", "9", "10", "A7", "100"])
    }
}
