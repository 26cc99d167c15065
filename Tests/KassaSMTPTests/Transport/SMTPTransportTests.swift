import Foundation
import KassaCore
import KassaTesting
import Testing
@testable import KassaSMTP

/// The SMTP transport against real servers on 127.0.0.1: aiosmtpd (STARTTLS, AUTH, captured
/// messages) and Postfix's smtp-sink (421 and disconnects on command). Every captured message
/// is read back with Python's email package, which must find no defect.
@Suite(.serialized) struct SMTPTransportTests {
    let folder = TemporaryDirectory(prefix: "kassa-smtp")

    /// Checks every message the server captured and returns what Python read.
    private func checked(_ server: AiosmtpdServer, dns: [String: String] = [:]) throws -> [CheckedMail] {
        let mails = try CheckedMail.check(try server.messages().map(\.path), dns: dns)
        for mail in mails {
            #expect(mail.defects == [], "Python's email package found defects")
        }
        return mails
    }

    // MARK: Sending

    @Test func aMessageArrivesWithItsNamesSubjectAndBodiesIntact() async throws {
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port))
        let commits = CommitCounter()

        let outcome = await smtp.deliver(outgoing(), commit: commits.commit)
        await smtp.close()

        #expect(outcome.isSent, "\(outcome)")
        #expect(commits.count == 1)
        let captured = try server.messages()
        try #require(captured.count == 1)
        #expect(captured[0].mailFrom == "info@example.se")
        #expect(captured[0].recipients == ["asa@example.se"])
        #expect(!captured[0].overTLS)

        let mail = try #require(try checked(server).first)
        #expect(mail.from == [.init(name: "Cykelbutiken Åre", address: "info@example.se")])
        #expect(mail.to == [.init(name: Swedish.customerName, address: "asa@example.se")])
        #expect(mail.subject == Swedish.subject)
        #expect(mail.contentType == "multipart/alternative")
        #expect(mail.text == Swedish.text)
        #expect(mail.html == Swedish.html)
        #expect(mail.messageID == outcome.reference.map { "<\($0)>" })
        #expect(mail.listUnsubscribe == nil, "transactional mail carries no List-Unsubscribe")
    }

    /// Issue 12, item 9: a first name with a line break (typed into the register, or
    /// imported) made the customer's mail fail for good; the name is cleaned instead.
    @Test func aDisplayNameWithALineBreakIsCleanedAndTheMailGoesOut() async throws {
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port))

        let outcome = await smtp.deliver(outgoing(name: "Åsa\r\nBcc: x@example.org\t\u{0}Öberg"), commit: {})
        await smtp.close()

        #expect(outcome.isSent, "\(outcome)")
        let captured = try server.messages()
        try #require(captured.count == 1)
        #expect(captured[0].recipients == ["asa@example.se"])
        let header = captured[0].text.components(separatedBy: "\r\n\r\n")[0]
        let fields = header.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }
        #expect(!fields.contains { $0.lowercased().hasPrefix("bcc:") }, "\(header)")
        #expect(fields.filter { $0.hasPrefix("To:") }.count == 1, "\(header)")
        let mail = try #require(try checked(server).first)
        #expect(mail.to == [.init(name: "Åsa Bcc: x@example.org Öberg", address: "asa@example.se")])
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func startTLSThenAuthenticationWith(mechanism: String) async throws {
        let certificate = try TestCertificate.selfSigned(in: folder.path)
        let server = try AiosmtpdServer(
            in: folder, tls: .startTLS(certificate, required: true),
            credentials: ("shop", testPassword), mechanisms: [mechanism]
        )
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port, tls: .startTLS, username: "shop", caFile: certificate.certificatePath))

        let outcome = await smtp.deliver(outgoing(), commit: {})
        await smtp.close()

        #expect(outcome.isSent, "\(outcome)")
        let captured = try server.messages()
        try #require(captured.count == 1)
        #expect(captured[0].overTLS)
        #expect(captured[0].login == "shop")
        #expect(try checked(server).first?.to?.first?.name == Swedish.customerName)
    }

    @Test func aWrongPasswordFailsTheSessionAndNamesTheUser() async throws {
        let certificate = try TestCertificate.selfSigned(in: folder.path)
        let server = try AiosmtpdServer(in: folder, tls: .startTLS(certificate), credentials: ("shop", testPassword))
        defer { server.stop() }
        let smtp = try transport(
            smtpSettings(port: server.port, tls: .startTLS, username: "shop", caFile: certificate.certificatePath),
            options: testOptions(password: "fel lösen")
        )
        let commits = CommitCounter()

        let outcome = await smtp.deliver(outgoing(), commit: commits.commit)

        // Not this message's fault: every other one would fail the same way.
        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("\"shop\"") == true)
        #expect(outcome.reason?.contains("127.0.0.1:\(server.port)") == true)
        #expect(commits.count == 0)
        #expect(try server.messages().isEmpty)
    }

    @Test func implicitTLSFromTheFirstByte() async throws {
        let certificate = try TestCertificate.selfSigned(in: folder.path)
        let server = try AiosmtpdServer(in: folder, tls: .implicit(certificate))
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port, tls: .implicit, caFile: certificate.certificatePath))

        let outcome = await smtp.deliver(outgoing(), commit: {})
        await smtp.close()

        #expect(outcome.isSent, "\(outcome)")
        #expect(try server.messages().first?.overTLS == true)
    }

    @Test func anUntrustedCertificateStopsTheMessageBeforeAnythingIsSent() async throws {
        let certificate = try TestCertificate.selfSigned(in: folder.path)
        let server = try AiosmtpdServer(in: folder, tls: .startTLS(certificate), credentials: ("shop", testPassword))
        defer { server.stop() }
        // No ca_file: the self-signed certificate is not among the system's roots.
        let smtp = try transport(smtpSettings(port: server.port, tls: .startTLS, username: "shop"))
        let commits = CommitCounter()

        let outcome = await smtp.deliver(outgoing(), commit: commits.commit)

        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("not trusted") == true, "\(outcome)")
        #expect(outcome.reason?.contains("127.0.0.1:\(server.port)") == true)
        #expect(commits.count == 0)
        #expect(try server.messages().isEmpty)
    }

    @Test func aReplyInjectedBeforeTheTLSHandshakeClosesTheConnection() async throws {
        let log = folder.file("after-starttls.bin")
        let script = (KassaProcess.repositoryRoot as NSString).appendingPathComponent("Tests/KassaSMTPTests/Fixtures/starttls_injection_server.py")
        let portFile = folder.file("hostile.port")
        let server = try ChildProcess(ChildProcess.python, [script, "--log", log, "--port-file", portFile],
                                      logPath: folder.file("hostile.log"), name: "STARTTLS injection server")
        defer { server.stop(grace: 1) }
        let port = try server.waitForPort(inFile: portFile)
        let smtp = try transport(smtpSettings(port: port, tls: .startTLS, username: "shop"))
        let commits = CommitCounter()

        let outcome = await smtp.deliver(outgoing(), commit: commits.commit)
        // The server writes its log once the client has hung up; give it the time to.
        let deadline = Date().addingTimeInterval(10)
        while server.isRunning, Date() < deadline { usleep(20_000) }

        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("could have been injected") == true, "\(outcome)")
        #expect(commits.count == 0)
        // Not a byte after STARTTLS: no handshake, no AUTH, no MAIL FROM.
        #expect(FileManager.default.contents(atPath: log) == Data())
    }

    @Test func startTLSRequiredButNotOfferedSendsNothingInClearText() async throws {
        let server = try AiosmtpdServer(in: folder, tls: .none)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port, tls: .startTLS, username: "shop"))
        let commits = CommitCounter()

        let first = await smtp.deliver(outgoing(), commit: commits.commit)
        let second = await smtp.deliver(outgoing(to: "bo@example.se", customer: "1002"), commit: commits.commit)

        #expect(first.isSessionFailure, "\(first)")
        #expect(first.reason?.contains("does not offer STARTTLS") == true, "\(first)")
        #expect(first.reason?.contains("127.0.0.1:\(server.port)") == true, "\(first)")
        // The next message fails the same way without another attempt in clear text.
        #expect(second == first)
        #expect(smtp.connectionAttempts == 1)
        #expect(commits.count == 0)
        #expect(try server.messages().isEmpty)
    }

    @Test func oneConnectionCarriesManyMessages() async throws {
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port))
        let commits = CommitCounter()
        let count = 30

        var references: [String] = []
        for number in 1...count {
            let outcome = await smtp.deliver(
                outgoing(to: "kund\(number)@example.se", name: "Kund \(number) Åkesson", customer: "\(1000 + number)"),
                commit: commits.commit
            )
            references += outcome.reference.map { [$0] } ?? []
        }
        await smtp.close()

        #expect(references.count == count)
        #expect(Set(references).count == count, "every message has its own Message-ID")
        #expect(commits.count == count)
        #expect(smtp.connectionAttempts == 1)
        let captured = try server.messages()
        #expect(captured.map(\.recipients) == (1...count).map { ["kund\($0)@example.se"] })
        let mails = try checked(server)
        #expect(mails.map(\.messageID) == references.map { "<\($0)>" })
        #expect(mails.compactMap { $0.to?.first?.name } == (1...count).map { "Kund \($0) Åkesson" })
    }

    // MARK: Refusals

    @Test func aPermanentRecipientRefusalFailsAndTheConnectionGoesOn() async throws {
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port))
        let commits = CommitCounter()

        let refused = await smtp.deliver(outgoing(to: "reject5@example.se"), commit: commits.commit)
        let next = await smtp.deliver(outgoing(to: "bo@example.se", customer: "1002"), commit: commits.commit)
        await smtp.close()

        #expect(refused.isFailed, "\(refused)")
        #expect(refused.reason?.contains("<reject5@example.se>") == true)
        #expect(refused.reason?.contains("550") == true)
        #expect(refused.reason?.contains("127.0.0.1:\(server.port)") == true)
        #expect(next.isSent, "\(next)")
        #expect(commits.count == 1, "only the accepted message reached its commit point")
        #expect(smtp.connectionAttempts == 1)
        #expect(try server.messages().map(\.recipients) == [["bo@example.se"]])
    }

    @Test func aTemporaryRecipientRefusalIsRetriedLater() async throws {
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port))
        let commits = CommitCounter()

        let outcome = await smtp.deliver(outgoing(to: "reject4@example.se"), commit: commits.commit)

        #expect(outcome.isRetry, "\(outcome)")
        #expect(outcome.reason?.contains("451") == true)
        #expect(commits.count == 0)
    }

    @Test func aConnectionCutAfterTheFinalDotLeavesTheOutcomeUnknown() async throws {
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port))
        let commits = CommitCounter()

        let cut = await smtp.deliver(outgoing(to: "drop@example.se"), commit: commits.commit)
        let next = await smtp.deliver(outgoing(to: "bo@example.se", customer: "1002"), commit: commits.commit)
        await smtp.close()

        #expect(cut.isUnknown, "\(cut)")
        #expect(cut.reason?.contains("may have accepted") == true, "\(cut)")
        #expect(next.isSent, "\(next)")
        #expect(commits.count == 2)
        #expect(smtp.connectionAttempts == 2)
        // The server did receive it: resending would have delivered it twice.
        #expect(try server.messages().map(\.recipients) == [["drop@example.se"], ["bo@example.se"]])
    }

    @Test func aFailedCommitSendsNoData() async throws {
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(port: server.port))
        let commits = CommitCounter()
        commits.failure = JournalUnavailable()

        let outcome = await smtp.deliver(outgoing(), commit: commits.commit)
        commits.failure = nil
        let next = await smtp.deliver(outgoing(to: "bo@example.se", customer: "1002"), commit: commits.commit)
        await smtp.close()

        #expect(outcome.isRetry, "\(outcome)")
        #expect(outcome.reason?.contains("the outbox database is locked") == true)
        #expect(commits.count == 2)
        #expect(next.isSent, "\(next)")
        #expect(try server.messages().map(\.recipients) == [["bo@example.se"]])
    }

    @Test func noServerListeningFailsTheSession() async throws {
        let port = try LoopbackPort.free(1)[0]
        let smtp = try transport(smtpSettings(port: port))
        let commits = CommitCounter()

        let outcome = await smtp.deliver(outgoing(), commit: commits.commit)

        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("could not connect to the SMTP server 127.0.0.1:\(port)") == true, "\(outcome)")
        #expect(commits.count == 0)
    }

    // MARK: smtp-sink fault switches

    @Test func aServiceClosingWith421IsRetriedOnANewConnection() async throws {
        let sink = try SMTPSinkServer(options: ["-Q", "RCPT"], logPath: folder.file("sink.log"))
        defer { sink.stop() }
        let smtp = try transport(smtpSettings(port: sink.port))
        let commits = CommitCounter()

        let first = await smtp.deliver(outgoing(), commit: commits.commit)
        let second = await smtp.deliver(outgoing(to: "bo@example.se", customer: "1002"), commit: commits.commit)

        #expect(first.isRetry, "\(first)")
        #expect(first.reason?.contains("421") == true, "\(first)")
        #expect(second.isRetry, "\(second)")
        #expect(smtp.connectionAttempts == 2, "each message found the connection closed by the 421 and opened a new one")
        #expect(commits.count == 0)
    }

    @Test func aSinkThatHangsUpAfterTheFinalDotLeavesTheOutcomeUnknown() async throws {
        let sink = try SMTPSinkServer(options: ["-q", "."], logPath: folder.file("sink.log"))
        defer { sink.stop() }
        let smtp = try transport(smtpSettings(port: sink.port))
        let commits = CommitCounter()

        let outcome = await smtp.deliver(outgoing(), commit: commits.commit)

        #expect(outcome.isUnknown, "\(outcome)")
        #expect(commits.count == 1)
    }

    @Test func a421AfterTheFinalDotMeansTheMessageWasNotTaken() async throws {
        let sink = try SMTPSinkServer(options: ["-Q", "."], logPath: folder.file("sink.log"))
        defer { sink.stop() }
        let smtp = try transport(smtpSettings(port: sink.port))

        let outcome = await smtp.deliver(outgoing(), commit: {})

        #expect(outcome.isRetry, "\(outcome)")
    }

    @Test func aServerThatDoesNotAnswerInTimeIsRetriedLater() async throws {
        let sink = try SMTPSinkServer(options: ["-W", "rcpt:30"], logPath: folder.file("sink.log"))
        defer { sink.stop() }
        let smtp = try transport(smtpSettings(port: sink.port), options: testOptions(timeout: .seconds(2)))
        let commits = CommitCounter()

        let outcome = await smtp.deliver(outgoing(), commit: commits.commit)

        #expect(outcome.isRetry, "\(outcome)")
        #expect(outcome.reason?.contains("did not answer in time") == true, "\(outcome)")
        #expect(outcome.reason?.contains("127.0.0.1:\(sink.port)") == true, "\(outcome)")
        #expect(commits.count == 0)
    }

    @Test func aSinkCarriesManyMessagesOverOnePipelinedConnection() async throws {
        let sink = try SMTPSinkServer(logPath: folder.file("sink.log"))
        defer { sink.stop() }
        let smtp = try transport(smtpSettings(port: sink.port))

        var outcomes: [DeliveryOutcome] = []
        for number in 1...50 {
            outcomes.append(await smtp.deliver(outgoing(to: "kund\(number)@example.se", customer: "\(number)"), commit: {}))
        }
        await smtp.close()

        #expect(outcomes.filter { !$0.isSent } == [])
        #expect(smtp.connectionAttempts == 1)
    }

    // MARK: Settings

    @Test func aMissingPasswordVariableIsNamed() throws {
        #expect {
            try transport(smtpSettings(port: 2525, tls: .startTLS, username: "shop"), options: testOptions(password: nil))
        } throws: { error in
            let error = try #require(error as? SMTPTransportError)
            return error.code == .missingPassword && error.message.contains(passwordVariable) && error.message.contains("127.0.0.1:2525")
        }
    }

    @Test func noHostMeansNoSMTPTransport() throws {
        var settings = smtpSettings(port: 25)
        settings.host = nil
        #expect {
            try transport(settings)
        } throws: { error in
            (error as? SMTPTransportError)?.code == .notConfigured
        }
    }

    @Test func aMissingCAFileIsNamed() throws {
        let path = folder.file("no-such-ca.pem")
        #expect {
            try transport(smtpSettings(port: 2525, tls: .startTLS, caFile: path))
        } throws: { error in
            let error = try #require(error as? SMTPTransportError)
            return error.code == .invalidTLSConfiguration && error.message.contains(path)
        }
    }
}
