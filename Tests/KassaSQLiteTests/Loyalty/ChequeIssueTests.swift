import Foundation
import GRDB
import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("Paying out value cheques (SQLiteLoyaltyStore)")
struct ChequeIssueTests {
    private let all = LoyaltyFixture.register.map(\.number)

    @Test("each customer with points worth a cheque gets one, with the summed value; leftovers stay")
    func paysOneChequePerCustomer() throws {
        let fixture = try LoyaltyFixture()
        let issue = try fixture.issue(all)
        let cheques = Dictionary(uniqueKeysWithValues: issue.cheques.map { ($0.customerNumber, $0) })
        #expect(Set(cheques.keys) == ["3", "4", "5", "7"])
        #expect(cheques["3"]?.value == Money(minorUnits: 500))
        #expect(cheques["3"]?.cheques == 1)
        #expect(cheques["4"]?.value == Money(minorUnits: 1_500))
        #expect(cheques["4"]?.leftoverPoints == 250)
        #expect(cheques["5"]?.value == Money(minorUnits: 100_000))
        #expect(cheques["5"]?.cheques == 200)
        #expect(cheques["7"]?.name == "Cykel AB")
        #expect(cheques["3"]?.email == "asa@example.se")
        #expect(Set(issue.skipped) == ["1", "2", "6"])
        #expect(try fixture.allPoints() == ["1": 0, "2": 499, "3": 0, "4": 250, "5": 0, "6": 900, "7": 100])
        let batch = try #require(issue.batch)
        #expect(batch.status == .written)
        #expect(batch.chequeCount == 4)
        #expect(batch.totalValue == Money(minorUnits: 500 + 1_500 + 100_000 + 500))
        #expect(batch.pointsUsed == 500 + 1_500 + 100_000 + 500)
        #expect(try fixture.loyalty.chequeBatches() == [batch])
        #expect(try fixture.loyalty.issuedCheques(batch: nil) == issue.cheques)
    }

    @Test("the file holds the header and one row per cheque, numbered in customer order")
    func fileContents() throws {
        let fixture = try LoyaltyFixture()
        let issue = try fixture.issue(["4", "3"])
        #expect(fixture.entries() == ["KADO1125.CSV"])
        let text = try String(contentsOfFile: fixture.folder.path("outbox/KADO1125.CSV"), encoding: .utf8)
        #expect(text == """
            customer_number,name,email,value,cheque_number,date
            3,Åsa Öberg,asa@example.se,5.00,C20261130-00001,2026-11-30
            4,Bo Ek,bo@example.se,15.00,C20261130-00002,2026-11-30

            """)
        #expect(issue.cheques.map(\.number.description) == ["C20261130-00001", "C20261130-00002"])
    }

    @Test("issuing twice for the same customers pays nothing twice")
    func secondRunPaysNothing() throws {
        let fixture = try LoyaltyFixture()
        _ = try fixture.issue(all)
        let before = try fixture.allPoints()
        let again = try fixture.issue(all, file: "KADO2.CSV")
        #expect(again.batch == nil)
        #expect(again.cheques.isEmpty)
        #expect(Set(again.skipped) == Set(all))
        #expect(try fixture.allPoints() == before)
        #expect(!fixture.entries().contains("KADO2.CSV"))
        #expect(try fixture.loyalty.issuedCheques(batch: nil).count == 4)
    }

    @Test("a file that cannot be written deducts nothing and records nothing")
    func unwritableFolder() throws {
        let fixture = try LoyaltyFixture()
        let notAFolder = fixture.folder.path("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: notAFolder))
        let before = try fixture.allPoints()
        let error = try #require(throws: ChequeError.self) { try fixture.issue(all, directory: notAFolder + "/outbox") }
        #expect(error.code == .writeFailed)
        #expect(error.message.contains("nothing was paid out"))
        #expect(try fixture.allPoints() == before)
        #expect(try fixture.loyalty.chequeBatches().isEmpty)
        #expect(try fixture.loyalty.issuedCheques(batch: nil).isEmpty)
    }

    @Test("a folder where no file can be made deducts nothing",
          .enabled(if: FileManager.default.fileExists(atPath: "/proc/self"), "needs Linux's /proc"))
    func folderRefusingFiles() throws {
        let fixture = try LoyaltyFixture()
        let before = try fixture.allPoints()
        let error = try #require(throws: ChequeError.self) { try fixture.issue(all, directory: "/proc") }
        #expect(error.code == .writeFailed)
        #expect(error.message.contains("/proc/KADO1125.CSV"))
        #expect(try fixture.allPoints() == before)
        #expect(try fixture.loyalty.chequeBatches().isEmpty)
    }

    @Test("stopped after the file is staged but before the commit: nothing paid, no file left")
    func stopBeforeCommit() throws {
        let fixture = try LoyaltyFixture()
        let before = try fixture.allPoints()
        #expect(throws: StopHere(step: .staged)) { try fixture.issue(all, stopAt: .staged) }
        #expect(try fixture.allPoints() == before)
        #expect(try fixture.loyalty.chequeBatches().isEmpty)
        #expect(fixture.entries().isEmpty)
        // A later run pays as if the first never happened.
        #expect(try fixture.issue(all).cheques.count == 4)
    }

    @Test("stopped after the commit: every paid customer has a record, and the next run writes the file")
    func stopAfterCommit() throws {
        let fixture = try LoyaltyFixture()
        #expect(throws: StopHere(step: .committed)) { try fixture.issue(all, stopAt: .committed) }
        let pending = try #require(try fixture.loyalty.chequeBatches().first)
        #expect(pending.status == .pending)
        #expect(!fixture.entries().contains("KADO1125.CSV"))
        let recorded = try fixture.loyalty.issuedCheques(batch: pending.id)
        #expect(Set(recorded.map(\.customerNumber)) == ["3", "4", "5", "7"])
        for cheque in recorded {
            let original = try #require(LoyaltyFixture.register.first { $0.number == cheque.customerNumber })
            #expect(try fixture.points(cheque.customerNumber) == original.points - cheque.pointsUsed)
        }
        // No new run starts over a pending batch.
        let blocked = try #require(throws: ChequeError.self) { try fixture.issue(all, file: "OTHER.CSV") }
        #expect(blocked.code == .pendingBatch)

        let completed = try fixture.loyalty.completePendingBatches(encoder: JoinedVoucherEncoder())
        #expect(completed.map(\.id) == [pending.id])
        #expect(completed.first?.status == .written)
        let text = try String(contentsOfFile: pending.path, encoding: .utf8)
        let expected = try JoinedVoucherEncoder().encode(header: VoucherFileLayout().header,
                                                         rows: recorded.map(VoucherFileLayout().row(for:)))
        #expect(Data(text.utf8) == expected)
        #expect(fixture.entries() == ["KADO1125.CSV"])
        #expect(try fixture.loyalty.chequeBatches().first?.status == .written)
        #expect(try fixture.loyalty.completePendingBatches(encoder: JoinedVoucherEncoder()).isEmpty)
    }

    @Test("stopped after the file got its name: the batch is completed without writing it again")
    func stopAfterPublishing() throws {
        let fixture = try LoyaltyFixture()
        #expect(throws: StopHere(step: .published)) { try fixture.issue(all, stopAt: .published) }
        let path = fixture.folder.path("outbox/KADO1125.CSV")
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try fixture.loyalty.chequeBatches().first?.status == .pending)
        #expect(try fixture.loyalty.completePendingBatches(encoder: JoinedVoucherEncoder()).count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)
    }

    @Test("a pending batch whose name is taken by another file stays pending, with a clear reason")
    func pendingBatchBlockedByAnotherFile() throws {
        let fixture = try LoyaltyFixture()
        #expect(throws: StopHere(step: .committed)) { try fixture.issue(all, stopAt: .committed) }
        try Data("someone else's\n".utf8).write(to: URL(fileURLWithPath: fixture.folder.path("outbox/KADO1125.CSV")))
        let error = try #require(throws: ChequeError.self) {
            try fixture.loyalty.completePendingBatches(encoder: JoinedVoucherEncoder())
        }
        #expect(error.code == .pendingBatch)
        #expect(error.message.contains("KADO1125.CSV"))
        #expect(try fixture.loyalty.chequeBatches().first?.status == .pending)
    }

    @Test("an existing file of the name is left alone and nothing is paid")
    func existingFile() throws {
        let fixture = try LoyaltyFixture()
        try FileManager.default.createDirectory(atPath: fixture.outbox, withIntermediateDirectories: true)
        let path = fixture.folder.path("outbox/KADO1125.CSV")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        let before = try fixture.allPoints()
        let error = try #require(throws: ChequeError.self) { try fixture.issue(all) }
        #expect(error.code == .fileExists)
        #expect(error.message.contains(path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try fixture.allPoints() == before)
    }

    @Test("cheque numbers go on within a day and start again the next day")
    func numbering() throws {
        var customers = LoyaltyFixture.register
        customers.append(Customer(number: "8", email: "e@example.se", points: 500))
        let fixture = try LoyaltyFixture(customers)
        let first = try fixture.issue(["3", "4"])
        let second = try fixture.issue(["5"], file: "KADO2.CSV")
        let third = try fixture.issue(["7", "8"], file: "KADO3.CSV", on: CalendarDate("2026-12-01")!)
        #expect(first.cheques.map(\.number.description) == ["C20261130-00001", "C20261130-00002"])
        #expect(second.cheques.map(\.number.description) == ["C20261130-00003"])
        #expect(third.cheques.map(\.number.description) == ["C20261201-00001", "C20261201-00002"])
        #expect(try fixture.loyalty.chequeBatches().map(\.fileName) == ["KADO3.CSV", "KADO2.CSV", "KADO1125.CSV"])
    }

    @Test("the records keep the name and address the cheque went to, whatever changes later")
    func recordsAreCopies() throws {
        let fixture = try LoyaltyFixture()
        _ = try fixture.issue(["3"])
        var changed = try #require(try fixture.customers.customer(number: "3"))
        changed.email = "new@example.se"
        try fixture.customers.upsert([changed])
        #expect(try fixture.loyalty.issuedCheques(batch: nil).first?.email == "asa@example.se")
    }

    @Test("the tables are created once, beside the other stores' tables")
    func migrations() throws {
        let fixture = try LoyaltyFixture()
        _ = try SQLiteLoyaltyStore(customers: fixture.customers)
        _ = try SQLiteMailingStore(customers: fixture.customers)
        let identifiers = try fixture.customers.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(identifiers == ["customer-v1", "loyalty-v1", "mailing-v1", "mailing-v2", "mailing-v3"])
    }
}
