import Foundation
import KassaTesting
import Testing

/// `kassa cheques preview|issue|remaining|issued`: the real executable on a small register.
@Suite struct ChequesCommandTests {
    static let original = ["1": 0, "2": 499, "3": 500, "4": 1_750, "5": 100_000, "6": 900, "7": 600]

    @Test func theRuleAtItsEdgesOneChequePerCustomer() throws {
        let shop = try LoyaltyShop()
        let preview = try #require(try shop.json(["cheques", "preview"]) as? [String: Any])
        let entries = try #require(preview["cheques"] as? [[String: Any]])
        #expect(entries.map { $0["number"] as? String } == ["3", "4", "5", "7"])
        #expect(entries.map { $0["value"] as? String } == ["5.00", "15.00", "1000.00", "5.00"])
        #expect(entries.map { $0["cheques"] as? Int } == [1, 3, 200, 1])
        #expect(entries.map { $0["leftover_points"] as? Int } == [0, 250, 0, 100])
        #expect(preview["without_email"] as? [String] == ["6"])
        #expect(preview["total_value"] as? String == "1025.00")
        // A preview pays nothing.
        #expect(try shop.points() == Self.original)

        let issue = try #require(try shop.json(["cheques", "issue", "--yes", "--file", "KADO1125.CSV"]) as? [String: Any])
        let cheques = try #require(issue["cheques"] as? [[String: Any]])
        #expect(cheques.map { $0["number"] as? String } == ["3", "4", "5", "7"])
        #expect(try shop.points() == ["1": 0, "2": 499, "3": 0, "4": 250, "5": 0, "6": 900, "7": 100])
        let batch = try #require(issue["batch"] as? [String: Any])
        #expect(batch["status"] as? String == "written")
        #expect(batch["total_value"] as? String == "1025.00")
        #expect(batch["path"] as? String == shop.folder.file("outbox/KADO1125.CSV"))

        let day = try #require(cheques.first?["issued_on"] as? String)
        let compact = day.replacingOccurrences(of: "-", with: "")
        #expect(try shop.text("outbox/KADO1125.CSV") == """
            customer_number,name,email,value,cheque_number,date\r
            3,Åsa Öberg,asa@example.se,5.00,C\(compact)-00001,\(day)\r
            4,Bo Ek,bo@example.se,15.00,C\(compact)-00002,\(day)\r
            5,Rik Rikare,rik@example.se,1000.00,C\(compact)-00003,\(day)\r
            7,Cykel AB,info@cykel.example,5.00,C\(compact)-00004,\(day)\r

            """)
        #expect(shop.outbox() == ["KADO1125.CSV"])
    }

    @Test func theRuleFollowsTheConfiguration() throws {
        let shop = try LoyaltyShop(config: "[cheques]\npoints_per_cheque = 250\ncheque_value = 2.50\n")
        let preview = try #require(try shop.json(["cheques", "preview", "--exclude", "5"]) as? [String: Any])
        let entries = try #require(preview["cheques"] as? [[String: Any]])
        #expect(entries.map { $0["number"] as? String } == ["2", "3", "4", "7"])
        #expect(entries.map { $0["value"] as? String } == ["2.50", "5.00", "17.50", "5.00"])
        #expect(entries.map { $0["leftover_points"] as? Int } == [249, 0, 0, 100])
    }

    @Test func aMailingSendsEachPaidCustomerTheirOneCheque() throws {
        let shop = try LoyaltyShop()
        #expect(try shop.run(["cheques", "issue", "--yes", "--file", "KADO1.CSV"]).status == 0)
        let cheques = try #require(try shop.json(["cheques", "issued"]) as? [[String: Any]])
        let mail = try shop.run(["cheques", "mail", "--batch", "1", "--subject", "Din värdecheck",
                                 "--text", "Hej #NAMN#! Din check #ATTR.cheque_number# är värd #ATTR.cheque_value# kr."])
        #expect(mail.status == 0, "\(mail.stderr)")
        #expect(mail.stdout.contains("to the \(cheques.count) customers of cheque batch 1"))
        let send = try shop.run(["mailing", "send", "cheques-1"])
        #expect(send.status == 0, "\(send.stderr)")
        for cheque in cheques {
            let number = try #require(cheque["number"] as? String)
            let path = try MailingSendCommandTests.outboxFile(of: number, in: shop.folder)
            // Quoted-printable soft line breaks undone.
            let message = try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "")
            let chequeNumber = try #require(cheque["cheque_number"] as? String)
            #expect(message.contains("Din check \(chequeNumber) =C3=A4r v=C3=A4rd \(cheque["value"] as? String ?? "?") kr."), "\(number)")
        }
        let missing = try shop.run(["cheques", "mail", "--batch", "9", "--text", "x", "--subject", "y"])
        #expect(missing.stderr == "kassa: There is no cheque batch 9; kassa cheques issued lists them all\n")
    }

    @Test func issuingTwicePaysNothingTwice() throws {
        let shop = try LoyaltyShop()
        #expect(try shop.run(["cheques", "issue", "--yes", "--file", "KADO1.CSV"]).status == 0)
        let afterFirst = try shop.points()
        let second = try shop.run(["cheques", "issue", "--yes", "--file", "KADO2.CSV"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("nothing was paid out and no file was written"))
        #expect(try shop.points() == afterFirst)
        #expect(shop.outbox() == ["KADO1.CSV"])
        #expect((try shop.json(["cheques", "issued"]) as? [Any])?.count == 4)
    }

    @Test func theFileNameRuleIsCheckedAndNothingIsPaidForABadName() throws {
        let shop = try LoyaltyShop()
        let cases: [(String, String)] = [
            ("KADO 1.CSV", "has a space at character 5"),
            ("KADO,1.CSV", "has a comma at character 5"),
            ("KA.DO.CSV", "has a dot at character 3 before the extension"),
            ("KADÖ1.CSV", "has the letter \"Ö\" at character 4"),
            ("KADO11250.CSV", "has 9 characters before .CSV; the voucher service allows at most 8"),
            ("KADO1125.TXT", "must end in \".CSV\""),
            ("KADO1125", "must end in \".CSV\""),
            ("out/KADO.CSV", "contains a path separator"),
            (".CSV", "has nothing before .CSV"),
            ("", "is empty"),
        ]
        // A bad name fails when the command line is parsed, before anything is read.
        for (name, reason) in cases {
            let result = try shop.run(["cheques", "issue", "--yes", "--file", name])
            #expect(result.status == TypedOptionTests.usageStatus, "\(name)")
            let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
            #expect(first.hasPrefix("Error: The value '\(name)' is invalid for '--file <file>': "), "\(name): \(result.stderr)")
            #expect(first.contains(reason), "\(name): \(result.stderr)")
        }
        #expect(try shop.points() == Self.original)
        #expect(shop.outbox().isEmpty)
        // Eight characters, lower-case extension, "_" and "-": accepted, and kept as given.
        let good = try shop.run(["cheques", "issue", "--yes", "--file", "kado-1_b.csv"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(shop.outbox() == ["kado-1_b.csv"])
    }

    @Test func aFileThatCannotBeWrittenDeductsNothing() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("not-a-folder", "x")
        let result = try shop.run(["cheques", "issue", "--yes", "--file", "KADO.CSV", "--dir", shop.folder.file("not-a-folder/outbox")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing was paid out"), "\(result.stderr)")
        #expect(try shop.points() == Self.original)
        #expect((try shop.json(["cheques", "issued"]) as? [Any])?.isEmpty == true)
        if FileManager.default.fileExists(atPath: "/proc/self") {
            let proc = try shop.run(["cheques", "issue", "--yes", "--file", "KADO.CSV", "--dir", "/proc"])
            #expect(proc.status == 1)
            #expect(proc.stderr.contains("/proc/KADO.CSV"), "\(proc.stderr)")
            #expect(try shop.points() == Self.original)
        }
    }

    @Test func anExistingFileIsLeftAloneAndNothingIsPaid() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("outbox/KADO.CSV", "already here\n")
        let result = try shop.run(["cheques", "issue", "--yes", "--file", "KADO.CSV"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("exists already"))
        #expect(try shop.text("outbox/KADO.CSV") == "already here\n")
        #expect(try shop.points() == Self.original)
    }

    @Test func theVoucherFileIsForItsOwnerAlone() throws {
        let shop = try LoyaltyShop()
        let issued = try shop.run(["cheques", "issue", "--yes", "--file", "KADO.CSV"])
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(filePermissions(shop.folder.file("outbox/KADO.CSV")) == 0o600)
        #expect(filePermissions(shop.folder.file("outbox")) == 0o700)
    }

    @Test func aSymbolicLinkAtTheVoucherFileIsRefusedAndNothingIsPaid() throws {
        let shop = try LoyaltyShop()
        try FileManager.default.createDirectory(atPath: shop.folder.file("outbox"), withIntermediateDirectories: true)
        let target = shop.folder.file("elsewhere.csv")
        try FileManager.default.createSymbolicLink(atPath: shop.folder.file("outbox/KADO.CSV"), withDestinationPath: target)
        let result = try shop.run(["cheques", "issue", "--yes", "--file", "KADO.CSV"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(shop.folder.file("outbox/KADO.CSV")), "\(result.stderr)")
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was paid out"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try shop.points() == Self.original)
        #expect((try shop.json(["cheques", "issued"]) as? [Any])?.isEmpty == true)
    }

    /// The crash tests stop a test-only executable; the shipped `kassa` has no such hook.
    @Test func theShippedKassaHasNoCrashHook() throws {
        let binary = try Data(contentsOf: URL(fileURLWithPath: KassaProcess.executable))
        #expect(binary.range(of: Data("KASSA_TEST_CRASH_AFTER".utf8)) == nil)
        for step in ["staged", "committed", "published"] {
            let shop = try LoyaltyShop()
            let result = try shop.run(["cheques", "issue", "--yes", "--file", "KADO.CSV"], environment: ["KASSA_TEST_CRASH_AFTER": step])
            #expect(result.status == 0, "\(step): \(result.stderr)")
            #expect(shop.outbox() == ["KADO.CSV"], "\(step)")
            #expect(try shop.points() == ["1": 0, "2": 499, "3": 0, "4": 250, "5": 0, "6": 900, "7": 100], "\(step)")
        }
    }

    @Test func aCrashBeforeTheCommitPaysNothing() throws {
        let shop = try LoyaltyShop()
        let crashed = try shop.crashingIssue(after: "staged", ["--file", "KADO.CSV"])
        #expect(crashed.status == 86)
        // The file was written under its hidden name only; nothing is deducted or recorded.
        #expect(shop.outbox() == [".KADO.CSV.kassa-staged"])
        #expect(try shop.points() == Self.original)
        #expect((try shop.json(["cheques", "issued"]) as? [Any])?.isEmpty == true)
        // The next run pays everyone once and leaves only the real file.
        let again = try shop.run(["cheques", "issue", "--yes", "--file", "KADO.CSV"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(shop.outbox() == ["KADO.CSV"])
        #expect((try shop.json(["cheques", "issued"]) as? [Any])?.count == 4)
    }

    @Test func aCrashAfterTheCommitLeavesNoPaidCustomerWithoutARecord() throws {
        let shop = try LoyaltyShop()
        let crashed = try shop.crashingIssue(after: "committed", ["--file", "KADO.CSV"])
        #expect(crashed.status == 86)
        #expect(!shop.outbox().contains("KADO.CSV"))
        let points = try shop.points()
        let records = try #require(try shop.json(["cheques", "issued"]) as? [[String: Any]])
        // Every customer whose points went down has a cheque for exactly that many points.
        let paid = Self.original.keys.filter { points[$0] != Self.original[$0] }.sorted()
        #expect(paid == ["3", "4", "5", "7"])
        #expect(records.map { $0["number"] as? String ?? "" }.sorted() == paid)
        for record in records {
            let number = record["number"] as? String ?? ""
            #expect(record["points_used"] as? Int == (Self.original[number] ?? 0) - (points[number] ?? 0))
        }
        let listing = try shop.run(["cheques", "issued"])
        #expect(listing.stderr.contains("is not written yet"))
        // They are not on the list for the post either.
        let remaining = try #require(try shop.json(["cheques", "remaining"]) as? [[String: Any]])
        #expect(remaining.map { $0["number"] as? String } == ["6"])

        // The next run completes the batch: the file is written from the records.
        let next = try shop.run(["cheques", "issue", "--yes", "--file", "NEXT.CSV"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("Completed cheque batch 1"))
        #expect(next.stdout.contains("nothing was paid out"))
        #expect(shop.outbox() == ["KADO.CSV"])
        let file = try shop.text("outbox/KADO.CSV")
        for record in records {
            #expect(file.contains("\(record["number"] as? String ?? "?"),"))
            #expect(file.contains(record["cheque_number"] as? String ?? "?"))
        }
        #expect(try shop.points() == points)
        #expect(try shop.run(["cheques", "issued"]).stderr.contains("not written yet") == false)
    }

    @Test func aCrashAfterTheFileGotItsNameKeepsThatFile() throws {
        let shop = try LoyaltyShop()
        let crashed = try shop.crashingIssue(after: "published", ["--file", "KADO.CSV"])
        #expect(crashed.status == 86)
        let written = try shop.text("outbox/KADO.CSV")
        let next = try shop.run(["cheques", "issue", "--yes", "--file", "NEXT.CSV"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try shop.text("outbox/KADO.CSV") == written)
        #expect(shop.outbox() == ["KADO.CSV"])
    }

    @Test func remainingListsWhatWasNotPaidByEmail() throws {
        let shop = try LoyaltyShop()
        #expect(try shop.run(["cheques", "issue", "--yes", "--file", "KADO.CSV", "--exclude", "7"]).status == 0)
        let remaining = try #require(try shop.json(["cheques", "remaining"]) as? [[String: Any]])
        #expect(remaining.map { $0["number"] as? String } == ["6", "7"])
        #expect(remaining.map { $0["reason"] as? String } == ["no_email", "not_paid"])
        #expect(remaining.first?["street"] as? String == "Storgatan 6")
        #expect(remaining.first?["value"] as? String == "5.00")
        #expect(remaining.last?["name"] as? String == "Cykel AB")

        let csv = try shop.run(["cheques", "remaining", "--csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout == """
            customer_number,name,street,postal_code,city,country,email,points,cheques,value,currency,leftover_points,reason\r
            6,Post Persson,Storgatan 6,211 46,Malmö,SE,,900,1,5.00,SEK,400,no_email\r
            7,Cykel AB,Industrivägen 7,721 30,Västerås,SE,info@cykel.example,600,1,5.00,SEK,100,not_paid\r

            """)
        let list = try shop.run(["cheques", "remaining"])
        #expect(list.stdout.split(separator: "\n").count == 2)
        #expect(list.stderr.contains("2 customers with cheques worth 10.00 SEK left for the post"))
        // A selection narrows the list, as in the source's "make the selection you want".
        let malmo = try #require(try shop.json(["cheques", "remaining", "--city", "Malmö"]) as? [[String: Any]])
        #expect(malmo.map { $0["number"] as? String } == ["6"])
    }
}
