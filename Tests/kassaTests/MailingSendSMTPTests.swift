import Foundation
import KassaTesting
import Testing

/// `kassa mailing send` through a real SMTP server on 127.0.0.1 when `[smtp] host` is set.
@Suite(.serialized) struct MailingSendSMTPTests {
    private func configure(_ folder: TemporaryDirectory, port: Int, extra: String = "") throws {
        try folder.write("kassa.toml", """
            [shop]
            name = "Cykelbutiken"

            [smtp]
            host = "127.0.0.1"
            port = \(port)
            tls = "none"
            from = "Cykelbutiken <info@example.se>"
            \(extra)
            """)
    }

    @Test func aMailingGoesThroughTheServerOneMessagePerRecipient() throws {
        let folder = try RegisterCommandTests.seeded(40)
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        try configure(folder, port: server.port)
        try MailingSendCommandTests.createMailing(in: folder)

        let send = try MailingSendCommandTests.kassa(["mailing", "send", "1", "--json"], in: folder)

        #expect(send.status == 0, "\(send.stderr)")
        let status = try MailingSendCommandTests.status(folder)
        let recipients = try #require(status["recipients"] as? Int)
        #expect(recipients > 10)
        #expect(status["sent"] as? Int == recipients)
        let captured = try server.messages()
        #expect(captured.count == recipients)
        #expect(Set(captured.flatMap(\.recipients)).count == recipients, "one message per customer")
        #expect(MailingSendCommandTests.outboxFiles(folder).isEmpty, "nothing went to the outbox folder")
        // Each message is composed while the previous one's verdict is on its way: every
        // envelope, header and text must still belong to one and the same customer.
        for (capture, mail) in zip(captured, try CheckedMail.check(captured.map(\.path))) {
            #expect(mail.defects == [])
            let recipient = try #require(mail.to?.first)
            #expect(capture.recipients == [recipient.address])
            let subject = try #require(mail.subject)
            #expect(subject.hasPrefix("Kvitto för "))
            let firstName = String(subject.dropFirst("Kvitto för ".count))
            if firstName != "dig" {
                #expect(recipient.name.hasPrefix(firstName), "\(subject) went to \(recipient.name) <\(recipient.address)>")
            }
        }
    }

    @Test func aMessageThatCannotBeComposedFailsForItsOwnCustomerOnly() throws {
        let folder = try RegisterCommandTests.seeded(60)
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        try configure(folder, port: server.port)
        // Messages are composed one ahead, while the server answers the previous one: a
        // failure must still land on the customer whose message failed.
        try folder.write("plugins/picky.lua", """
            kassa.plugin { name = "picky", version = "1.0.0", api = 1 }
            kassa.template {
              name = "picky",
              channel = "email",
              render = function(c)
                if c.number:sub(-1) == "3" then error("no message for " .. c.number) end
                return { subject = "Till " .. c.number, text = "Hej " .. c.number }
              end,
            }
            """)
        let plugins = ["--plugins", folder.file("plugins")]
        let created = try MailingSendCommandTests.kassa(["mailing", "create", "--channel", "email", "--purpose", "transactional",
                                                         "--has", "email", "--template", "picky"] + plugins, in: folder)
        #expect(created.status == 0, "\(created.stderr)")

        let send = try MailingSendCommandTests.kassa(["mailing", "send", "1", "--json", "--skip-unrenderable"] + plugins, in: folder)

        #expect(send.status != 0, "messages that fail are reported, the others sent, and the run is no success: \(send.stderr)")
        let status = try MailingSendCommandTests.status(folder)
        let failures = try #require(status["failures"] as? [[String: Any]])
        let failed = failures.compactMap { $0["number"] as? String }
        #expect(!failed.isEmpty)
        #expect(failed.allSatisfy { $0.hasSuffix("3") }, "\(failed)")
        for failure in failures {
            let customer = try #require(failure["number"] as? String)
            #expect((failure["reason"] as? String)?.contains("no message for \(customer)") == true, "\(failure)")
        }
        let captured = try server.messages()
        #expect(captured.count == (status["sent"] as? Int))
        #expect(captured.count + failed.count == (status["recipients"] as? Int))
        for (capture, mail) in zip(captured, try CheckedMail.check(captured.map(\.path))) {
            let number = String(try #require(mail.subject).dropFirst("Till ".count))
            #expect(!number.hasSuffix("3"))
            #expect(!failed.contains(number))
            #expect(capture.recipients == [try #require(mail.to?.first).address])
        }
    }

    /// Captured messages by envelope recipient, over every server given.
    private func received(_ servers: AiosmtpdServer...) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for server in servers {
            for mail in try server.messages() {
                for recipient in mail.recipients { counts[recipient, default: 0] += 1 }
            }
        }
        return counts
    }

    /// Every e-mail address of the mailing's outbox.
    private func addresses(_ folder: TemporaryDirectory) throws -> [String] {
        let rows = try KassaProcess.runProgram(
            "/usr/bin/sqlite3", [folder.file("kassa.sqlite"), "SELECT address FROM outbox WHERE mailing_id = 1 AND state != 'excluded'"])
        return rows.stdout.split(whereSeparator: \.isNewline).map(String.init)
    }

    @Test func aRefusedPasswordStopsTheRunAndLeavesEveryMessageToSendLater() throws {
        let folder = try RegisterCommandTests.seeded(40)
        let server = try AiosmtpdServer(in: folder, credentials: ("shop", "rätt lösen"))
        defer { server.stop() }
        try configure(folder, port: server.port, extra: "username = \"shop\"\npassword_env = \"KASSA_TEST_SMTP_PASSWORD\"")
        try MailingSendCommandTests.createMailing(in: folder)
        let arguments = ["mailing", "send", "1", "--db", folder.file("kassa.sqlite"), "--plugins", KassaProcess.repositoryRoot + "/plugins"]

        let refused = try KassaProcess.run(arguments, in: folder.path, environment: ["KASSA_TEST_SMTP_PASSWORD": "fel lösen"])

        #expect(refused.status != 0, "a run the server refused is no success: \(refused.stdout)")
        #expect(refused.stderr.contains("535") || refused.stderr.contains("\"shop\""), "\(refused.stderr)")
        #expect(refused.stderr.contains("127.0.0.1:\(server.port)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("kassa mailing send 1"), "says how to resume: \(refused.stderr)")
        let waiting = try MailingSendCommandTests.status(folder)
        let recipients = try #require(waiting["recipients"] as? Int)
        #expect(recipients > 10)
        #expect(waiting["pending"] as? Int == recipients, "one refused session burns no message: \(waiting)")
        #expect(waiting["failed"] as? Int == 0)
        #expect(try server.messages().isEmpty)

        let sent = try KassaProcess.run(arguments, in: folder.path, environment: ["KASSA_TEST_SMTP_PASSWORD": "rätt lösen"])

        #expect(sent.status == 0, "\(sent.stderr)")
        let finished = try MailingSendCommandTests.status(folder)
        #expect(finished["sent"] as? Int == recipients)
        #expect(finished["status"] as? String == "finished")
        let counts = try received(server)
        #expect(counts.count == Set(try addresses(folder)).count)
        #expect(counts.values.reduce(0, +) == recipients, "one message per customer")
    }

    @Test func noServerListeningStopsTheRunAndSendResumesOnceItIsUp() throws {
        let folder = try RegisterCommandTests.seeded(30)
        let port = try LoopbackPort.free(1)[0]
        try configure(folder, port: port)
        try MailingSendCommandTests.createMailing(in: folder)

        let refused = try MailingSendCommandTests.kassa(["mailing", "send", "1"], in: folder)

        #expect(refused.status != 0)
        #expect(refused.stderr.contains("could not connect to the SMTP server 127.0.0.1:\(port)"), "\(refused.stderr)")
        let waiting = try MailingSendCommandTests.status(folder)
        let recipients = try #require(waiting["recipients"] as? Int)
        #expect(waiting["pending"] as? Int == recipients)
        #expect(waiting["retry"] as? Int == 0)
        #expect(waiting["failed"] as? Int == 0)

        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        try configure(folder, port: server.port)
        let sent = try MailingSendCommandTests.kassa(["mailing", "send", "1"], in: folder)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(try server.messages().count == recipients)
    }

    @Test func aRecipientRefusedWith550FailsAloneAndRetryFailedSendsJustThatOne() throws {
        let folder = try RegisterCommandTests.seeded(40)
        // One customer's mailbox does not exist yet: the test server refuses reject5… with 550.
        let chosen = try MailingSendCommandTests.kassa(["select", "--has", "email", "--ids"], in: folder)
        let number = try #require(chosen.stdout.split(whereSeparator: \.isNewline).first.map(String.init))
        let refusedAddress = "reject5-\(number)@example.se"
        let update = try KassaProcess.runProgram(
            "/usr/bin/sqlite3", [folder.file("kassa.sqlite"), "UPDATE customer SET email = '\(refusedAddress)' WHERE number = '\(number)'"])
        #expect(update.status == 0, "\(update.stderr)")
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        try configure(folder, port: server.port)
        try MailingSendCommandTests.createMailing(in: folder)

        let first = try MailingSendCommandTests.kassa(["mailing", "send", "1"], in: folder)

        #expect(first.status != 0, "a run with a failure exits non-zero: \(first.stdout)")
        let status = try MailingSendCommandTests.status(folder)
        let recipients = try #require(status["recipients"] as? Int)
        #expect(status["failed"] as? Int == 1)
        #expect(status["sent"] as? Int == recipients - 1)
        let failures = try #require(status["failures"] as? [[String: Any]])
        #expect(failures.first?["number"] as? String == number)
        #expect((failures.first?["reason"] as? String)?.contains("550") == true, "\(failures)")
        #expect(try received(server)[refusedAddress] == nil)

        // Sending again without --retry-failed leaves the failure alone.
        let again = try MailingSendCommandTests.kassa(["mailing", "send", "1"], in: folder)
        #expect(again.stdout.contains("This run: 0 sent"), "\(again.stdout)")

        // The mailbox exists now.
        let fixed = try AiosmtpdServer(in: folder, acceptsEveryRecipient: true)
        defer { fixed.stop() }
        try configure(folder, port: fixed.port)
        let retried = try MailingSendCommandTests.kassa(["mailing", "send", "1", "--retry-failed"], in: folder)

        #expect(retried.status == 0, "\(retried.stderr)")
        let final = try MailingSendCommandTests.status(folder)
        #expect(final["sent"] as? Int == recipients)
        #expect(final["failed"] as? Int == 0)
        #expect(try fixed.messages().map(\.recipients) == [[refusedAddress]], "only the failed message is sent again")
        let counts = try received(server, fixed)
        #expect(counts.values.reduce(0, +) == recipients, "one message per customer")
        #expect(counts[refusedAddress] == 1)
    }

    @Test func aMissingPasswordVariableStopsTheSendBeforeAnyConnection() throws {
        let folder = try RegisterCommandTests.seeded(20)
        try configure(folder, port: 2525, extra: "username = \"shop\"\npassword_env = \"KASSA_TEST_NO_SUCH_VARIABLE\"")
        try MailingSendCommandTests.createMailing(in: folder)

        let send = try MailingSendCommandTests.kassa(["mailing", "send", "1"], in: folder)

        #expect(send.status != 0)
        #expect(send.stderr.contains("KASSA_TEST_NO_SUCH_VARIABLE"), "\(send.stderr)")
        #expect(send.stderr.contains("127.0.0.1:2525"), "\(send.stderr)")
    }

    /// Kills the sender with SIGKILL at several points of a 2,000-recipient mailing going to a
    /// real SMTP server, and resumes: at the server, every recipient got exactly one message,
    /// except rows reported unknown (at most one), and none was lost.
    @Test func aKilledSenderNeverSendsTwiceAtTheServerAndLosesNothing() throws {
        let folder = try RegisterCommandTests.seeded(2_300)
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        // No pauses: [throttle]'s default of 10 s after every 100 messages would make this a long test.
        try configure(folder, port: server.port, extra: "\n[throttle]\nbatch = 0\npause = 0")
        // Companies share addresses, so each message names its customer for the count below.
        let created = try MailingSendCommandTests.kassa(
            ["mailing", "create", "--channel", "email", "--purpose", "transactional", "--has", "email",
             "--text", "Hej #FORNAMN|kund#! Kundnummer [#KUNDNR#].", "--subject", "Kvitto"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        let recipients = try #require(try MailingSendCommandTests.status(folder)["recipients"] as? Int)
        #expect(recipients >= 2_000)
        let arguments = ["mailing", "send", "1", "--db", folder.file("kassa.sqlite"), "--plugins", KassaProcess.repositoryRoot + "/plugins"]
        var kills = 0
        for seconds in [0.7, 1.0, 1.3, 1.6] {
            let sender = try KassaProcess.start(arguments, in: folder.path)
            Thread.sleep(forTimeInterval: seconds)
            guard sender.isRunning else { sender.waitUntilExit(); continue }
            kill(sender.processIdentifier, SIGKILL)
            sender.waitUntilExit()
            kills += 1
        }
        #expect(kills >= 2, "the sender finished before it could be killed twice")
        #expect(try MailingSendCommandTests.kassa(["mailing", "send", "1"], in: folder).status == 0)

        let status = try MailingSendCommandTests.status(folder)
        let sent = try #require(status["sent"] as? Int)
        let unknown = try #require(status["unknown"] as? Int)
        #expect(status["pending"] as? Int == 0)
        #expect(status["failed"] as? Int == 0)
        #expect(sent + unknown == recipients, "none lost")
        let unknownCustomers = Set(((status["unknowns"] as? [[String: Any]]) ?? []).compactMap { $0["number"] as? String })
        var received: [String: Int] = [:]
        for mail in try server.messages() {
            let text = mail.text
            guard let open = text.range(of: "Kundnummer ["), let close = text[open.upperBound...].firstIndex(of: "]") else {
                Issue.record("a captured message names no customer: \(mail.path)")
                continue
            }
            received[String(text[open.upperBound..<close]), default: 0] += 1
        }
        let twice = received.filter { $0.value > 1 }
        #expect(twice.isEmpty, "customers who got two messages: \(twice.keys.sorted().prefix(5))")
        // Every message the journal calls sent is at the server; unknown ones arrived at most once.
        #expect(received.count - unknownCustomers.intersection(received.keys).count == sent)
        #expect(received.count <= recipients)
    }

    @Test func aUserSendsWithTheirOwnServer() throws {
        let folder = try RegisterCommandTests.seeded(40)
        let shared = try AiosmtpdServer(in: folder)
        let own = try AiosmtpdServer(in: folder)
        defer { shared.stop(); own.stop() }
        try configure(folder, port: shared.port, extra: """

            [users.anna.smtp]
            port = \(own.port)
            from = "Anna <anna@example.se>"
            """)
        try MailingSendCommandTests.createMailing(in: folder)
        let test = try MailingSendCommandTests.kassa(["mailing", "test", "1", "--customer", "100001", "--user", "anna"], in: folder)
        #expect(test.status == 0, "\(test.stderr)")
        #expect(try own.messages().map(\.mailFrom) == ["anna@example.se"])
        #expect(try shared.messages().isEmpty)
        let unknown = try MailingSendCommandTests.kassa(["mailing", "send", "1", "--user", "bertil"], in: folder)
        #expect(unknown.stderr == "kassa: There is no user \"bertil\" in the configuration ([users.bertil.smtp]); the users are \"anna\"\n")
    }
}
