import Foundation
import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("SQLiteCustomerStore: upserts that write some parts of a customer, and their preview")
struct PartialUpsertTests {
    static let complete = StoreFixtures.complete

    /// A store holding `complete` (number 1001).
    static func store() throws -> SQLiteCustomerStore {
        let store = try SQLiteCustomerStore.inMemory()
        try store.upsert([complete])
        return store
    }

    @Test("only the fields written change; lists, points, consent and cards stay")
    func onlyTheFieldsWrittenChange() throws {
        let store = try Self.store()
        let summary = try store.upsert(writing: CustomerParts(fields: [.number, .city])) { writer in
            try writer.write([Customer(number: "1001", city: "Lund"), Customer(number: "2002", firstName: "Ny", city: "Ystad")])
        }
        #expect(summary == UpsertSummary(inserted: 1, updated: 1))
        var expected = Self.complete
        expected.city = "Lund"
        #expect(try store.customer(number: "1001") == expected)
        // A new customer gets every field it comes with and defaults for the rest.
        #expect(try store.customer(number: "2002") == Customer(number: "2002", firstName: "Ny", city: "Ystad"))
        // The search key of the city follows it.
        var inLund = CustomerSelection()
        inLund.cities = ["lund"]
        #expect(try store.countMatchingCriteria(inLund) == 1)
    }

    @Test("lists are replaced whole when written, an empty list too")
    func listsAreReplacedWholeWhenWritten() throws {
        let store = try Self.store()
        try store.upsert(writing: CustomerParts(fields: [.number, .contactEmails], vehicles: true)) { writer in
            try writer.write([Customer(number: "1001", vehicles: [Vehicle(type: "mc", brand: "Honda")])])
        }
        var expected = Self.complete
        expected.vehicles = [Vehicle(type: "mc", brand: "Honda")]
        expected.contactEmails = []
        #expect(try store.customer(number: "1001") == expected)
    }

    @Test("attributes are written key by key: set, removed when absent, the others kept in key order")
    func attributesAreWrittenKeyByKey() throws {
        let store = try Self.store()
        try store.upsert(writing: CustomerParts(fields: [.number], attributes: .keys(["language", "shoe's size", "zz"]))) { writer in
            try writer.write([Customer(number: "1001", attributes: ["shoe's size": "42", "zz": "last"])])
        }
        var expected = Self.complete
        expected.attributes = ["birthday": "1980-05-17", "shoe's size": "42", "zz": "last"]
        #expect(try store.customer(number: "1001") == expected)
        let stored = try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT attributes FROM customer WHERE number = '1001'")
        }
        #expect(stored == #"{"birthday":"1980-05-17","shoe's size":"42","zz":"last"}"#)
        try store.upsert(writing: CustomerParts(fields: [.number], attributes: .keys(["birthday", "shoe's size", "zz"]))) { writer in
            try writer.write([Customer(number: "1001")])
        }
        #expect(try store.database.read { db in
            try Bool.fetchOne(db, sql: "SELECT attributes IS NULL FROM customer WHERE number = '1001'")
        } == true)
    }

    @Test("the consent time stays while the consent does, and goes when it changes")
    func theConsentTimeFollowsTheConsent() throws {
        let store = try Self.store()
        let consent = CustomerParts(fields: [.number, .newsletter])
        try store.upsert(writing: consent) { try $0.write([Customer(number: "1001", newsletter: true)]) }
        #expect(try store.customer(number: "1001")?.newsletterAt == Self.complete.newsletterAt)
        try store.upsert(writing: consent) { try $0.write([Customer(number: "1001", newsletter: false)]) }
        let withdrawn = try #require(try store.customer(number: "1001"))
        #expect(!withdrawn.newsletter)
        #expect(withdrawn.newsletterAt == nil)
        // Written together, both are the file's.
        let given = Date(timeIntervalSince1970: 1_800_000_000)
        try store.upsert(writing: CustomerParts(fields: [.number, .newsletter, .newsletterAt])) { writer in
            try writer.write([Customer(number: "1001", newsletter: true, newsletterAt: given)])
        }
        #expect(try store.customer(number: "1001")?.newsletterAt == given)
    }

    @Test("a whole upsert still replaces everything")
    func aWholeUpsertReplacesEverything() throws {
        let store = try Self.store()
        try store.upsert { try $0.write([Customer(number: "1001", city: "Lund")]) }
        #expect(try store.customer(number: "1001") == Customer(number: "1001", city: "Lund"))
    }

    @Test("a preview counts changes and clears per part, a number given twice included, and writes nothing")
    func aPreviewCountsAndWritesNothing() throws {
        let folder = try StoreTestFolder()
        let path = folder.path("kassa.sqlite")
        let store = try SQLiteCustomerStore(path: path)
        try store.upsert([Self.complete, Customer(number: "7", firstName: "Bo", city: "Lund")])
        let parts = CustomerParts(fields: [.number, .city, .email, .newsletter], attributes: .keys(["language"]))
        let preview = try store.previewUpsert(writing: parts) { writer in
            try writer.write([
                Customer(number: "1001", city: "Malmö", newsletter: false),    // same city; email, consent, language cleared
                Customer(number: "7", email: "bo@example.se", city: "Ystad"),  // city changed, email set
                Customer(number: "8", city: "Umeå"),                             // new
            ])
            // Number 8 again: compared with what the first 8 wrote, not with nothing.
            try writer.write([Customer(number: "8", email: "x@example.se", city: "Umeå"), Customer(number: "8", city: "Luleå")])
        }
        #expect(preview.summary == UpsertSummary(inserted: 1, updated: 4))
        #expect(preview.changes == [
            UpsertPreview.Change(part: "email", changed: 4, cleared: 2),
            UpsertPreview.Change(part: "city", changed: 2, cleared: 0),
            UpsertPreview.Change(part: "newsletter", changed: 1, cleared: 1),
            UpsertPreview.Change(part: "newsletter_at", changed: 1, cleared: 1),
            UpsertPreview.Change(part: "attrs.language", changed: 1, cleared: 1),
        ])
        #expect(try store.count() == 2)
        #expect(try store.customer(number: "1001") == Self.complete)
        // The preview's checks are the upsert's.
        #expect(throws: StoreError.self) {
            try store.previewUpsert(writing: parts) { try $0.write([Customer(number: " 9")]) }
        }
    }
}
