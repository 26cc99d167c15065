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
        let folder = try RegisterCommandTests.seeded(300)
        try Self.createMailing(in: folder)
        let sender = try KassaProcess.start(
            ["mailing", "send", "1", "--delay", "0.05", "--db", folder.file("kassa.sqlite"), "--plugins", KassaProcess.repositoryRoot + "/plugins"],
            in: folder.path)
        Thread.sleep(forTimeInterval: 1.0)
        let stop = try Self.kassa(["mailing", "stop", "1"], in: folder)
        #expect(stop.stdout.contains("Asked process \(sender.processIdentifier) to stop"))
        sender.waitUntilExit()
        #expect(sender.terminationStatus == 0)
        let stopped = try Self.status(folder)
        #expect(stopped["status"] as? String == "stopped")
        let sent = try #require(stopped["sent"] as? Int)
        #expect(sent > 0)
        #expect((stopped["pending"] as? Int ?? 0) > 0)
        #expect(Self.outboxFiles(folder).count == sent)

        #expect(try Self.kassa(["mailing", "send", "1"], in: folder).status == 0)
        let finished = try Self.status(folder)
        #expect(finished["status"] as? String == "finished")
        #expect(finished["sent"] as? Int == finished["recipients"] as? Int)
        #expect(Self.outboxFiles(folder).count == finished["recipients"] as? Int)
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
        for seconds in [0.6, 0.9, 1.3] {
            let sender = try KassaProcess.start(arguments, in: folder.path)
            Thread.sleep(forTimeInterval: seconds)
            kill(sender.processIdentifier, SIGKILL)
            sender.waitUntilExit()
            let status = try Self.status(folder)
            let sent = try #require(status["sent"] as? Int)
            #expect(sent > lastSent, "the sender made no progress before the kill at \(seconds) s")
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
}
