import Foundation
import KassaTesting
import Testing

/// `kassa mailing send` through a real SMTP server on 127.0.0.1 when `[smtp] host` is set.
@Suite(.serialized) struct MailingSendSMTPTests {
    private func configure(_ folder: TemporaryDirectory, port: Int, extra: String = "") throws {
        try folder.write("kassa.toml", """
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
        for mail in try CheckedMail.check(captured.map(\.path)) {
            #expect(mail.defects == [])
            #expect(mail.subject?.hasPrefix("Kvitto för ") == true)
        }
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
}
