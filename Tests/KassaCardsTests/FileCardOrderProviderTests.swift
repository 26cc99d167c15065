import Foundation
import KassaTesting
import Testing
@testable import KassaCards
import KassaCore

/// A fresh folder per test, removed afterwards.
private final class OrderFolder {
    let path: String

    init() {
        path = (FileManager.default.temporaryDirectory.path as NSString)
            .appendingPathComponent("kassa-card-orders-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Every entry, hidden ones included, sorted.
    func entries(_ subfolder: String? = nil) -> [String] {
        let folder = subfolder.map(file) ?? path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}

@Suite("Card orders written as files")
struct FileCardOrderProviderTests {
    /// 2026-11-30T14:25:01Z, plus a fraction the file name must drop.
    private static let moment = Date(timeIntervalSince1970: 1_796_048_701.75)
    private let orders = [
        CardOrder(customerNumber: "D-1001", template: "BASIS", cost: Money(minorUnits: 490), validUntil: CalendarDate("2027-12-31"),
                  orderDate: CalendarDate("2026-11-30")!, dispatchDate: CalendarDate("2026-12-01")!,
                  comment: "An die Filiale, \"Nord\"\nbitte", status: .ordered),
        CardOrder(customerNumber: "D-1002", template: "GOLD", cost: Money(minorUnits: 1_250), validUntil: nil,
                  orderDate: CalendarDate("2026-11-30")!, dispatchDate: CalendarDate("2026-12-01")!, comment: nil),
    ]

    private func provider(_ directory: String, batchID: String = "1a2b3c4d") -> FileCardOrderProvider {
        FileCardOrderProvider(directory: directory, now: { Self.moment }, batchID: { batchID })
    }

    @Test("a batch becomes a JSON and a CSV file named by time and batch id")
    func writesBoth() throws {
        let folder = OrderFolder()
        let receipt = try provider(folder.path).submit(orders)
        #expect(folder.entries() == ["cards-20261130T142501Z-1a2b3c4d.csv", "cards-20261130T142501Z-1a2b3c4d.json"])
        #expect(receipt.batchID == "1a2b3c4d")
        #expect(receipt.orderCount == 2)
        #expect(receipt.submittedAt == Date(timeIntervalSince1970: 1_796_048_701))
        #expect(receipt.locations == [folder.file("cards-20261130T142501Z-1a2b3c4d.json"), folder.file("cards-20261130T142501Z-1a2b3c4d.csv")])
        #expect(receipt.reference == nil)
    }

    @Test("the JSON file holds the batch and reads back as the orders")
    func jsonContents() throws {
        let folder = OrderFolder()
        let receipt = try provider(folder.path).submit(orders)
        let data = try Data(contentsOf: URL(fileURLWithPath: receipt.locations[0]))
        struct Batch: Decodable {
            let batch_id: String
            let submitted_at: String
            let orders: [CardOrder]
        }
        let batch = try JSONDecoder().decode(Batch.self, from: data)
        #expect(batch.batch_id == "1a2b3c4d")
        #expect(batch.submitted_at == "2026-11-30T14:25:01Z")
        #expect(batch.orders == orders)
    }

    @Test("the CSV file has a header, one row per order, and quotes what needs it")
    func csvContents() throws {
        let folder = OrderFolder()
        let receipt = try provider(folder.path).submit(orders)
        let text = try String(contentsOfFile: receipt.locations[1], encoding: .utf8)
        #expect(text == """
            batch_id,customer_number,template,cost,valid_until,order_date,dispatch_date,comment,status\r
            1a2b3c4d,D-1001,BASIS,4.90,2027-12-31,2026-11-30,2026-12-01,"An die Filiale, ""Nord""
            bitte",ordered\r
            1a2b3c4d,D-1002,GOLD,12.50,,2026-11-30,2026-12-01,,ordered\r

            """)
    }

    @Test("the folder is created when missing")
    func createsFolder() throws {
        let folder = OrderFolder()
        let outbox = folder.file("outbox/cards")
        _ = try provider(outbox).submit(orders)
        #expect(folder.entries("outbox/cards").count == 2)
    }

    @Test("an empty batch is refused and writes nothing")
    func emptyBatch() {
        let folder = OrderFolder()
        #expect { try provider(folder.path).submit([]) } throws: { ($0 as? CardError)?.code == .emptyBatch }
        #expect(folder.entries().isEmpty)
    }

    @Test("an existing file is never replaced, and the batch leaves nothing behind")
    func neverOverwrites() throws {
        let folder = OrderFolder()
        let existing = folder.file("cards-20261130T142501Z-1a2b3c4d.csv")
        try Data("someone else's file".utf8).write(to: URL(fileURLWithPath: existing))
        #expect {
            try provider(folder.path).submit(orders)
        } throws: { error in
            guard let error = error as? CardError else { return false }
            return error.code == .fileExists && error.message.contains(existing)
        }
        #expect(folder.entries() == ["cards-20261130T142501Z-1a2b3c4d.csv"])
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "someone else's file")
    }

    @Test("a second batch with the same name fails and keeps the first intact")
    func sameNameTwice() throws {
        let folder = OrderFolder()
        let first = try provider(folder.path).submit(orders)
        let before = try first.locations.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(throws: CardError.self) { try provider(folder.path).submit([orders[1]]) }
        #expect(folder.entries().count == 2)
        #expect(try first.locations.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before)
    }

    @Test("a folder that cannot be made is an error and leaves no file")
    func unusableFolder() throws {
        let folder = OrderFolder()
        let blocker = folder.file("not-a-folder")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        #expect {
            try provider((blocker as NSString).appendingPathComponent("outbox")).submit(orders)
        } throws: { error in
            guard let error = error as? CardError else { return false }
            return error.code == .writeFailed && error.message.contains("not-a-folder/outbox")
        }
        #expect(folder.entries() == ["not-a-folder"])
    }

    @Test("a read-only folder is an error and leaves no partial or temporary file",
          .enabled(if: geteuid() != 0, "root may write to read-only folders"))
    func readOnlyFolder() throws {
        let folder = OrderFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        #expect { try provider(folder.path).submit(orders) } throws: { ($0 as? CardError)?.code == .writeFailed }
        #expect(folder.entries().isEmpty)
    }

    @Test("a batch id that is not file-name safe is refused", arguments: ["", "../x", "a b", "ä"])
    func unsafeBatchID(batchID: String) {
        let folder = OrderFolder()
        #expect { try provider(folder.path, batchID: batchID).submit(orders) } throws: { ($0 as? CardError)?.code == .writeFailed }
        #expect(folder.entries().isEmpty)
    }

    @Test("random batch ids are eight hex digits and differ")
    func randomBatchIDs() {
        let ids = (0..<100).map { _ in FileCardOrderProvider.randomBatchID() }
        #expect(ids.allSatisfy { $0.count == 8 && $0.allSatisfy(\.isHexDigit) && $0 == $0.lowercased() })
        #expect(Set(ids).count == ids.count)
    }

    @Test("used through the protocol, with a receipt that is JSON")
    func throughProtocol() throws {
        let folder = OrderFolder()
        let service: any CardOrderProvider = provider(folder.path)
        let receipt = try service.submit(orders)
        let data = try JSONEncoder().encode(receipt)
        #expect(String(decoding: data, as: UTF8.self).contains(#""submitted_at":"2026-11-30T14:25:01Z""#))
        #expect(try JSONDecoder().decode(CardOrderReceipt.self, from: data) == receipt)
    }

    @Test("a cell a spreadsheet would run as a formula is defused, as in customer exports")
    func formulasDefused() throws {
        let folder = OrderFolder()
        let risky = [
            CardOrder(customerNumber: "@1001", template: "+BASIS", cost: Money(minorUnits: 490), validUntil: nil,
                      orderDate: CalendarDate("2026-11-30")!, dispatchDate: CalendarDate("2026-12-01")!,
                      comment: #"=HYPERLINK("http://x","y")"#),
            CardOrder(customerNumber: "-1002", template: "GOLD", cost: Money(minorUnits: 1_250), validUntil: nil,
                      orderDate: CalendarDate("2026-11-30")!, dispatchDate: CalendarDate("2026-12-01")!,
                      comment: "\t-2+3"),
        ]
        let receipt = try provider(folder.path).submit(risky)
        let text = try String(contentsOfFile: receipt.locations[1], encoding: .utf8)
        #expect(text == """
            batch_id,customer_number,template,cost,valid_until,order_date,dispatch_date,comment,status\r
            1a2b3c4d,'@1001,'+BASIS,4.90,,2026-11-30,2026-12-01,"'=HYPERLINK(""http://x"",""y"")",ordered\r
            1a2b3c4d,-1002,GOLD,12.50,,2026-11-30,2026-12-01,'\t-2+3,ordered\r

            """)
        // The JSON file is data, not a spreadsheet: it keeps the values as they are.
        let json = try String(contentsOfFile: receipt.locations[0], encoding: .utf8)
        #expect(json.contains(#""comment" : "=HYPERLINK(\"http://x\",\"y\")""#), "\(json)")
    }

    @Test("the files are readable by their owner alone, in a folder only the owner can enter")
    func privateModes() throws {
        let folder = OrderFolder()
        let outbox = folder.file("outbox/cards")
        let receipt = try provider(outbox).submit(orders)
        for path in receipt.locations {
            #expect(filePermissions(path) == 0o600, "\(path)")
        }
        #expect(filePermissions(folder.file("outbox")) == 0o700)
        #expect(filePermissions(outbox) == 0o700)
    }

    @Test("a symbolic link planted at a file's name is refused, not followed, and the batch leaves nothing")
    func plantedLink() throws {
        let folder = OrderFolder()
        let target = folder.file("elsewhere.csv")
        let link = folder.file("cards-20261130T142501Z-1a2b3c4d.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect {
            try provider(folder.path).submit(orders)
        } throws: { error in
            guard let error = error as? CardError else { return false }
            return error.message.contains(link) && error.message.contains("symbolic link")
        }
        #expect(folder.entries() == ["cards-20261130T142501Z-1a2b3c4d.csv"])
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
