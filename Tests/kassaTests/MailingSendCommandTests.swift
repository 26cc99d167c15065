import Foundation
import KassaTesting
import Testing

/// Sending from the command line to the file outbox: journaled, resumable, never twice.
@Suite struct MailingSendCommandTests {
    static func kassa(_ arguments: [String], in folder: TemporaryDirectory) throws -> KassaProcess.Result {
        try RegisterCommandTests.kassa(arguments, in: folder)
    }

    static func status(_ folder: TemporaryDirectory) throws -> [String: Any] {
        let result = try kassa(["mailing", "status", "1", "--json"], in: folder)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func outboxFiles(_ folder: TemporaryDirectory) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.file("outbox/mail/mailing-1"))) ?? [])
            .filter { $0.hasSuffix(".eml") }
    }

    /// The path of mailing 1's file to customer `number`: `NUMBER-KEY.eml`.
    static func outboxFile(of number: String, in folder: TemporaryDirectory) throws -> String {
        let name = try #require(outboxFiles(folder).first { $0.hasPrefix(number + "-") }, "no outbox file for customer \(number)")
        return folder.file("outbox/mail/mailing-1/\(name)")
    }

    static func createMailing(in folder: TemporaryDirectory) throws {
        let created = try kassa(["mailing", "create", "--channel", "email", "--purpose", "transactional", "--has", "email",
                                 "--text", "Hej #FORNAMN|kund#!", "--subject", "Kvitto för #FORNAMN|dig#"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
    }

    @Test func sendWritesOneMessagePerRecipientAndReportsIt() throws {
        let folder = try RegisterCommandTests.seeded(300)
        try Self.createMailing(in: folder)
        let send = try Self.kassa(["mailing", "send", "1", "--json"], in: folder)
        #expect(send.status == 0, "\(send.stderr)")
        let status = try Self.status(folder)
        let recipients = try #require(status["recipients"] as? Int)
        #expect(recipients > 200)
        #expect(status["sent"] as? Int == recipients)
        #expect(status["status"] as? String == "finished")
        #expect(Self.outboxFiles(folder).count == recipients)
        let message = try String(contentsOfFile: try Self.outboxFile(of: "100001", in: folder), encoding: .utf8)
        #expect(message.contains("Subject: =?UTF-8?"))
        #expect(message.contains("MIME-Version: 1.0"))

        // Sending again sends nothing: one message per customer per mailing, ever.
        let again = try Self.kassa(["mailing", "send", "1"], in: folder)
        #expect(again.stdout.contains("This run: 0 sent"))
        #expect(Self.outboxFiles(folder).count == recipients)

        // A test send goes to the named customer, outside the counts.
        let test = try Self.kassa(["mailing", "test", "1", "--customer", "100002"], in: folder)
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.hasPrefix("Sent the test of mailing 1 to customer 100002 at "))
        #expect(try Self.status(folder)["sent"] as? Int == recipients)
        let unknown = try Self.kassa(["mailing", "test", "1", "--customer", "999"], in: folder)
        #expect(unknown.stderr == "kassa: There is no customer with number \"999\"\n")
    }

    /// "A.1" and "A_1", "Åsa1" and "_sa1" once shared a file name: the second of each pair
    /// was recorded sent with the first one's file as its message.
    @Test func customersWhoseNumbersReadAlikeAsFileNamesEachGetTheirOwnMessage() throws {
        let folder = TemporaryDirectory()
        try folder.write("kassa.toml", LoyaltyShop.shopSettings)
        let customers = ["A.1": "punkt@example.se", "A_1": "streck@example.se", "Åsa1": "asa@example.se", "_sa1": "under@example.se"]
        try folder.write("register.csv", "number,first_name,last_name,email\n"
            + customers.keys.sorted().map { "\($0),Kund,\($0),\(customers[$0]!)\n" }.joined())
        #expect(try Self.kassa(["customers", "import", "register.csv"], in: folder).status == 0)
        try Self.createMailing(in: folder)
        let send = try Self.kassa(["mailing", "send", "1"], in: folder)
        #expect(send.status == 0, "\(send.stderr)")
        #expect(try Self.status(folder)["sent"] as? Int == 4)

        let files = Self.outboxFiles(folder)
        #expect(files.count == 4, "\(files)")
        // Each outbox row's reference is the Message-ID of a file addressed to that customer.
        let rows = try KassaProcess.runProgram("sqlite3", [folder.file("kassa.sqlite"),
            "SELECT customer_number || '|' || state || '|' || reference FROM outbox WHERE mailing_id = 1"])
        #expect(rows.status == 0, "\(rows.stderr)")
        var messages: [String: String] = [:]
        for name in files {
            let text = try String(contentsOfFile: folder.file("outbox/mail/mailing-1/\(name)"), encoding: .utf8)
            let id = text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: <") }?.dropFirst(13).dropLast()
            let address = customers.values.first { text.contains("<\($0)>") }
            messages[String(id ?? "")] = address
        }
        let recorded = rows.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        #expect(recorded.count == 4)
        for row in recorded where row.count == 3 {
            #expect(row[1] == "sent", "\(row)")
            #expect(messages[row[2]] == customers[row[0]], "customer \(row[0]): \(row[2])")
        }
    }

    @Test func stopEndsTheRunAfterTheMessageInFlightAndSendResumes() throws {
        try Self.stopMidwayThenResume { sender, folder in
            let stop = try Self.kassa(["mailing", "stop", "1"], in: folder)
            #expect(stop.stdout.contains("Asked process \(sender.processIdentifier) to stop"))
        }
    }

    /// Ctrl-C (SIGINT) cancels the sending task: the run ends after the message in flight,
    /// as `kassa mailing stop` ends it.
    @Test func ctrlCStopsAfterTheMessageInFlightAndSendResumes() throws {
        try Self.stopMidwayThenResume { sender, _ in
            kill(sender.processIdentifier, SIGINT)
        }
    }

    /// Starts a throttled send of 300, stops it after a second with `stop`, and checks the
    /// run ended by itself after the message in flight (none unknown), then that the next
    /// send takes up the rest, none twice.
    static func stopMidwayThenResume(_ stop: (Process, TemporaryDirectory) throws -> Void) throws {
        let folder = try RegisterCommandTests.seeded(300)
        try createMailing(in: folder)
        let sender = try KassaProcess.start(
            ["mailing", "send", "1", "--delay", "0.05", "--db", folder.file("kassa.sqlite"), "--plugins", KassaProcess.repositoryRoot + "/plugins"],
            in: folder.path)
        Thread.sleep(forTimeInterval: 1.0)
        try stop(sender, folder)
        sender.waitUntilExit()
        #expect(sender.terminationReason == .exit, "the sender must end on its own, not die of a signal")
        #expect(sender.terminationStatus == 0)
        let stopped = try status(folder)
        #expect(stopped["status"] as? String == "stopped")
        let sent = try #require(stopped["sent"] as? Int)
        #expect(sent > 0)
        #expect((stopped["pending"] as? Int ?? 0) > 0)
        #expect((stopped["unknown"] as? Int ?? 0) == 0, "a message in flight is finished, never abandoned")
        #expect(outboxFiles(folder).count == sent)

        #expect(try kassa(["mailing", "send", "1"], in: folder).status == 0)
        let finished = try status(folder)
        #expect(finished["status"] as? String == "finished")
        #expect(finished["sent"] as? Int == finished["recipients"] as? Int)
        #expect(outboxFiles(folder).count == finished["recipients"] as? Int)
    }

    /// Kills the sender with SIGKILL at several points of a 2,000-recipient mailing and
    /// resumes: every recipient ends sent or unknown, none is lost, none gets two messages.
    @Test func aKilledSenderLosesNothingAndSendsNothingTwice() throws {
        let folder = try RegisterCommandTests.seeded(2_300)
        try Self.createMailing(in: folder)
        let recipients = try #require(try Self.status(folder)["recipients"] as? Int)
        #expect(recipients >= 2_000)
        let arguments = ["mailing", "send", "1", "--delay", "0.001", "--db", folder.file("kassa.sqlite"),
                         "--plugins", KassaProcess.repositoryRoot + "/plugins"]
        var lastSent = 0
        // Each run first renders every message it is about to send (nothing leaves if one
        // cannot be), which takes a while on a busy machine: kill each run once it has
        // written some messages, at a different point each time, rather than after a fixed time.
        for extra in [30, 70, 110] {
            let sender = try KassaProcess.start(arguments, in: folder.path)
            let target = Self.outboxFiles(folder).count + extra
            let deadline = Date().addingTimeInterval(60)
            while Self.outboxFiles(folder).count < target, sender.isRunning, Date() < deadline { usleep(5_000) }
            kill(sender.processIdentifier, SIGKILL)
            sender.waitUntilExit()
            let status = try Self.status(folder)
            let sent = try #require(status["sent"] as? Int)
            #expect(sent > lastSent, "the sender made no progress before the kill after \(extra) more messages")
            lastSent = sent
            #expect(Self.outboxFiles(folder).count >= sent)
        }
        #expect(try Self.kassa(["mailing", "send", "1"], in: folder).status == 0)
        let final = try Self.status(folder)
        let sent = try #require(final["sent"] as? Int)
        let unknown = try #require(final["unknown"] as? Int)
        #expect(final["pending"] as? Int == 0)
        #expect(final["failed"] as? Int == 0)
        #expect(sent + unknown == recipients)
        let files = Self.outboxFiles(folder)
        #expect(files.count >= sent && files.count <= recipients)
        #expect(Set(files).count == files.count)

        // Resending the unknown ones delivers each at most once more: the outbox link refuses a second copy.
        #expect(try Self.kassa(["mailing", "send", "1", "--resend-unknown"], in: folder).status == 0)
        let resent = try Self.status(folder)
        #expect(resent["sent"] as? Int == recipients)
        #expect(Self.outboxFiles(folder).count == recipients)
    }
    /// A plugin whose render function reads `c.frist_name` (a typo), or `c.first_name` once fixed.
    static func writeGreeting(in folder: TemporaryDirectory, field: String) throws {
        try folder.write("shop-plugins/greeting.lua", """
            kassa.plugin { name = "greeting", version = "1.0.0", api = 1 }
            kassa.template {
              name = "greeting",
              channel = "email",
              render = function(c)
                local name = c.\(field) or "kund"
                return { subject = "Hej " .. name, text = "Hej " .. name .. "! Kundnummer [" .. c.number .. "]." }
              end,
            }
            """)
    }

    static func kassa(_ arguments: [String], plugins folder: TemporaryDirectory) throws -> KassaProcess.Result {
        try KassaProcess.run(arguments + ["--db", folder.file("kassa.sqlite"), "--plugins", folder.file("shop-plugins")], in: folder.path)
    }

    /// A register of `customers` and mailing 1 with the greeting that reads `c.frist_name`.
    static func greetingWithATypo(customers: Int) throws -> (TemporaryDirectory, recipients: Int) {
        let folder = try RegisterCommandTests.seeded(customers)
        try writeGreeting(in: folder, field: "frist_name")
        let created = try kassa(["mailing", "create", "--channel", "email", "--purpose", "transactional", "--has", "email",
                                 "--template", "greeting"], plugins: folder)
        #expect(created.status == 0, "\(created.stderr)")
        return (folder, try #require(try status(folder)["recipients"] as? Int))
    }

    /// Sends mailing 1 with the folder's own plugins and expects every recipient sent once.
    static func expectEverySent(_ recipients: Int, in folder: TemporaryDirectory) throws {
        let sent = try kassa(["mailing", "send", "1"], plugins: folder)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(try status(folder)["sent"] as? Int == recipients)
        #expect(outboxFiles(folder).count == recipients)
    }

    @Test func aMailingThatCannotRenderIsRefusedAndSentOnceFixed() throws {
        let (folder, recipients) = try Self.greetingWithATypo(customers: 120)

        let refused = try Self.kassa(["mailing", "send", "1"], plugins: folder)

        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(recipients) of \(recipients) messages cannot be rendered"), "\(refused.stderr)")
        #expect(refused.stderr.contains("greeting.lua:6:"), "names the file and line: \(refused.stderr)")
        #expect(refused.stderr.contains("frist_name"), "\(refused.stderr)")
        #expect(refused.stderr.contains("customer 100"), "names the customers: \(refused.stderr)")
        #expect(refused.stderr.contains("--skip-unrenderable"), "\(refused.stderr)")
        #expect(Self.outboxFiles(folder).isEmpty)
        let waiting = try Self.status(folder)
        #expect(waiting["pending"] as? Int == recipients)
        #expect(waiting["failed"] as? Int == 0)
        #expect(waiting["status"] as? String == "draft")

        try Self.writeGreeting(in: folder, field: "first_name")
        try Self.expectEverySent(recipients, in: folder)
    }

    @Test func skipUnrenderableSendsTheOthersAndFailsTheRestBeforeAnyByteLeaves() throws {
        let folder = try RegisterCommandTests.seeded(120)
        try folder.write("shop-plugins/picky.lua", """
            kassa.plugin { name = "picky", version = "1.0.0", api = 1 }
            kassa.template {
              name = "picky",
              channel = "email",
              render = function(c)
                if c.number:sub(-1) == "3" then return { subject = "Hej", text = c.frist_name } end
                return { subject = "Till " .. c.number, text = "Hej " .. c.number }
              end,
            }
            """)
        let created = try Self.kassa(["mailing", "create", "--channel", "email", "--purpose", "transactional", "--has", "email",
                                      "--template", "picky"], plugins: folder)
        #expect(created.status == 0, "\(created.stderr)")

        let send = try Self.kassa(["mailing", "send", "1", "--skip-unrenderable"], plugins: folder)

        #expect(send.status != 0, "a run with failures exits non-zero: \(send.stdout)")
        let status = try Self.status(folder)
        let recipients = try #require(status["recipients"] as? Int)
        let failures = try #require(status["failures"] as? [[String: Any]])
        #expect(!failures.isEmpty)
        for failure in failures {
            #expect((failure["number"] as? String)?.hasSuffix("3") == true, "\(failure)")
            #expect(failure["attempts"] as? Int == 0, "never handed to the transport: \(failure)")
            #expect((failure["reason"] as? String)?.contains("picky.lua:6:") == true, "\(failure)")
        }
        #expect(status["sent"] as? Int == recipients - failures.count)
        #expect(Self.outboxFiles(folder).count == recipients - failures.count)
        // A file is named NUMBER-KEY.eml: no file is for a customer whose number ends in 3.
        #expect(Self.outboxFiles(folder).allSatisfy { !$0.split(separator: "-").dropLast().joined(separator: "-").hasSuffix("3") })

        // Failures grouped by reason with their counts, before the list; the customer's own
        // number does not split a reason into one group per customer.
        let byReason = try #require(status["failed_by_reason"] as? [[String: Any]], "\(status)")
        #expect(byReason.count == 1, "\(byReason)")
        #expect(byReason.first?["count"] as? Int == failures.count)
        #expect((byReason.first?["reason"] as? String)?.contains("frist_name") == true)
        let text = try Self.kassa(["mailing", "status", "1"], in: folder).stdout.split(separator: "\n").map(String.init)
        let group = try #require(text.firstIndex { $0.contains("\(failures.count) ×") && $0.contains("frist_name") }, "\(text)")
        let firstListed = try #require(text.firstIndex { $0.hasPrefix("failed  ") }, "\(text)")
        #expect(group < firstListed)
    }

    @Test func aMailingWhoseMessagesNeverLeftCanBeEditedAndSentAgain() throws {
        let (folder, recipients) = try Self.greetingWithATypo(customers: 80)
        // Every message fails to render: none leaves.
        let send = try Self.kassa(["mailing", "send", "1", "--skip-unrenderable"], plugins: folder)
        #expect(send.status != 0)
        #expect(try Self.status(folder)["failed"] as? Int == recipients)
        #expect(Self.outboxFiles(folder).isEmpty)

        let edited = try Self.kassa(["mailing", "edit", "1", "--text", "Hej #FORNAMN|kund#!", "--subject", "Hej"], plugins: folder)

        #expect(edited.status == 0, "\(edited.stderr)")
        let fresh = try Self.status(folder)
        #expect(fresh["status"] as? String == "draft")
        #expect(fresh["pending"] as? Int == recipients)
        try Self.expectEverySent(recipients, in: folder)
    }

    @Test func aMailingWithMessagesSentCannotBeEdited() throws {
        let folder = try RegisterCommandTests.seeded(60)
        try Self.createMailing(in: folder)
        #expect(try Self.kassa(["mailing", "send", "1"], in: folder).status == 0)
        let edited = try Self.kassa(["mailing", "edit", "1", "--subject", "Ny rubrik"], in: folder)
        #expect(edited.status != 0)
        #expect(edited.stderr.contains("can no longer change"), "\(edited.stderr)")
    }
}
