import Foundation
import Testing
@testable import KassaSMTP

@Suite("SMTP state machine: sending messages")
struct SMTPClientStateMachineTransactionTests {
    @Test("Happy path with PIPELINING: MAIL, RCPT and DATA in one write, the data after 354")
    func pipelinedHappyPath() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        let group = session.send(envelope())
        #expect(group == [sent("MAIL FROM:<info@example.se> SIZE=26\r\nRCPT TO:<asa@example.se>\r\nDATA\r\n")])
        #expect(!session.machine.isAwaitingDataReply)

        // All three replies in one read, as a pipelining server sends them.
        let data = session.server("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n")
        #expect(data == [.sendMessageData(Array(defaultData.utf8))])
        #expect(session.machine.isAwaitingDataReply)
        #expect(session.machine.currentTimeout == .seconds(600))

        let done = session.server("250 2.0.0 Ok: queued as 4F2A1\r\n")
        #expect(done.count == 2)
        #expect(done[0].delivery?.reply.text == "Ok: queued as 4F2A1")
        #expect(done[0].delivery?.recipients.map(\.isAccepted) == [true])
        #expect(done[1] == .ready)
        #expect(!session.machine.isAwaitingDataReply)
    }

    @Test("Pipelined replies split byte by byte give the same result")
    func pipelinedRepliesByteByByte() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope())
        var actions: [Action] = []
        for byte in "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 go\r\n".utf8 {
            actions += session.server(String(decoding: [byte], as: UTF8.self))
        }
        #expect(actions == [.sendMessageData(Array(defaultData.utf8))])
    }

    @Test("Without PIPELINING each command waits for its reply")
    func withoutPipelining() {
        var session = ScriptedSession.ready(EHLO.plain)
        #expect(session.send(envelope(to: ["a@example.se", "b@example.se"])) == [sent("MAIL FROM:<info@example.se>\r\n")])
        #expect(session.server("250 ok\r\n") == [sent("RCPT TO:<a@example.se>\r\n")])
        #expect(session.server("250 ok\r\n") == [sent("RCPT TO:<b@example.se>\r\n")])
        #expect(session.server("250 ok\r\n") == [sent("DATA\r\n")])
        #expect(session.machine.currentTimeout == .seconds(120))
        #expect(session.server("354 go\r\n") == [.sendMessageData(Array(defaultData.utf8))])
        let done = session.server("250 queued\r\n")
        #expect(done.first?.delivery != nil)
        #expect(done.last == .ready)
    }

    @Test("A second message on the same connection starts with MAIL directly: no RSET after success")
    func secondMessageReusesTheConnection() {
        var session = ScriptedSession.ready(EHLO.plain)
        _ = session.send(envelope())
        _ = session.server("250 ok\r\n")
        _ = session.server("250 ok\r\n")
        _ = session.server("354 go\r\n")
        #expect(session.server("250 queued\r\n").last == .ready)

        #expect(session.send(envelope(to: ["bo@example.se"])) == [sent("MAIL FROM:<info@example.se>\r\n")])
        #expect(session.server("250 ok\r\n") == [sent("RCPT TO:<bo@example.se>\r\n")])
    }

    @Test("4xx on RCPT: the message fails temporarily, RSET clears the transaction, the next message follows")
    func transientFailureOnRecipient() {
        var session = ScriptedSession.ready(EHLO.plain)
        _ = session.send(envelope())
        _ = session.server("250 ok\r\n")
        let failed = session.server("450 4.2.0 <asa@example.se>: Recipient address rejected: Greylisted\r\n")
        #expect(failed.count == 2)
        let failure = failed[0].failure
        #expect(failure?.kind == .temporary)
        #expect(failure?.error.code == .recipientsRejected)
        #expect(failure?.reply?.enhancedStatusCode == SMTPEnhancedStatusCode(statusClass: 4, subject: 2, detail: 0))
        #expect(failure?.recipients.first?.failure == .temporary)
        #expect(failed[1] == sent("RSET\r\n"))

        #expect(session.server("250 2.0.0 Ok\r\n") == [.ready])
        #expect(session.send(envelope()) == [sent("MAIL FROM:<info@example.se>\r\n")])
    }

    @Test("4xx on RCPT with PIPELINING: every pipelined reply is read before the failure")
    func pipelinedTransientRecipient() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope())
        #expect(session.server("250 ok\r\n") == [])
        #expect(session.server("452 4.5.3 Too many recipients\r\n") == [])
        let failed = session.server("554 5.5.1 Error: no valid recipients\r\n")
        #expect(failed[0].failure?.kind == .temporary)
        #expect(failed[0].failure?.error.code == .recipientsRejected)
        #expect(failed[0].failure?.reply?.code == 452)
        #expect(failed[1] == sent("RSET\r\n"))
    }

    @Test("5xx on DATA fails the message permanently and resets")
    func permanentFailureOnData() {
        var session = ScriptedSession.ready(EHLO.plain)
        _ = session.send(envelope())
        _ = session.server("250 ok\r\n")
        _ = session.server("250 ok\r\n")
        let failed = session.server("554 5.7.1 Data command rejected\r\n")
        #expect(failed[0].failure?.kind == .permanent)
        #expect(failed[0].failure?.error.code == .dataRejected)
        #expect(failed[1] == sent("RSET\r\n"))
    }

    @Test("4xx and 5xx after the final dot: the transaction is over, no RSET before the next message")
    func verdictAfterData() {
        for (reply, kind) in [("451 4.3.0 Try later\r\n", SMTPFailureKind.temporary), ("554 5.7.1 Spam\r\n", .permanent)] {
            var session = ScriptedSession.ready(EHLO.pipelining)
            _ = session.send(envelope())
            _ = session.server("250 ok\r\n250 ok\r\n354 go\r\n")
            let actions = session.server(reply)
            #expect(actions.count == 2)
            #expect(actions[0].failure?.kind == kind)
            #expect(actions[0].failure?.error.code == .messageRejected)
            #expect(actions[1] == .ready)
        }
    }

    @Test("5xx on MAIL: permanent failure naming the sender; with PIPELINING the other replies are read first")
    func senderRejected() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope())
        let actions = session.server("553 5.7.1 Sender address rejected\r\n503 5.5.1 need MAIL\r\n503 5.5.1 need RCPT\r\n")
        #expect(actions.count == 2)
        #expect(actions[0].failure?.kind == .permanent)
        #expect(actions[0].failure?.error.code == .senderRejected)
        #expect(actions[0].failure?.error.message.contains("<info@example.se>") == true)
        #expect(actions[1] == sent("RSET\r\n"))

        var plain = ScriptedSession.ready(EHLO.plain)
        _ = plain.send(envelope())
        let early = plain.server("451 4.3.0 later\r\n")
        #expect(early[0].failure?.kind == .temporary)
        #expect(early[1] == sent("RSET\r\n"))
    }

    @Test("Several recipients, some refused: the message goes to the others and each result is reported")
    func partiallyRefusedRecipients() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope(to: ["a@example.se", "b@example.se", "c@example.se"]))
        let data = session.server("250 ok\r\n250 ok\r\n550 5.1.1 no such user\r\n451 4.3.0 later\r\n354 go\r\n")
        #expect(data == [.sendMessageData(Array(defaultData.utf8))])
        let done = session.server("250 queued\r\n")
        let delivery = done[0].delivery
        #expect(delivery?.recipients.map(\.recipient) == ["a@example.se", "b@example.se", "c@example.se"])
        #expect(delivery?.recipients.map(\.failure) == [nil, .permanent, .temporary])
        #expect(delivery?.rejectedRecipients.map(\.recipient) == ["b@example.se", "c@example.se"])
    }

    @Test("All recipients refused, only permanently: permanent; with any 4xx: temporary")
    func allRecipientsRefused() {
        var permanent = ScriptedSession.ready(EHLO.plain)
        _ = permanent.send(envelope(to: ["a@example.se", "b@example.se"]))
        _ = permanent.server("250 ok\r\n")
        _ = permanent.server("550 no\r\n")
        let failed = permanent.server("553 no\r\n")
        #expect(failed[0].failure?.kind == .permanent)
        #expect(failed[0].failure?.recipients.count == 2)
        #expect(failed[0].failure?.error.message.contains("all 2 recipients") == true)
        // No DATA is sent when nobody can receive the message.
        #expect(failed[1] == sent("RSET\r\n"))

        var mixed = ScriptedSession.ready(EHLO.plain)
        _ = mixed.send(envelope(to: ["a@example.se", "b@example.se"]))
        _ = mixed.server("250 ok\r\n")
        _ = mixed.server("550 no\r\n")
        #expect(mixed.server("450 later\r\n")[0].failure?.kind == .temporary)
    }

    @Test("DATA accepted with PIPELINING though no recipient was: a lone dot ends it, the message fails")
    func dataAcceptedWithoutRecipients() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope())
        let actions = session.server("250 ok\r\n550 5.1.1 unknown\r\n354 go ahead\r\n")
        #expect(actions == [sent(".\r\n")])
        let done = session.server("554 5.5.1 no valid recipients\r\n")
        #expect(done[0].failure?.kind == .permanent)
        #expect(done[0].failure?.error.code == .recipientsRejected)
        #expect(done[1] == .ready)
    }

    @Test("530 on MAIL: the server wants AUTH; the message is retried later and the session fails")
    func authenticationRequired() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope())
        let actions = session.server("530 5.7.0 Authentication required\r\n")
        #expect(actions.count == 3)
        #expect(actions[0].failure?.kind == .temporary)
        #expect(actions[0].failure?.error.code == .authenticationRequired)
        #expect(actions[1].error?.code == .authenticationRequired)
        #expect(actions[2] == sent("QUIT\r\n"))
        // The replies to the pipelined RCPT and DATA come before the one to QUIT.
        #expect(session.server("530 auth\r\n") == [])
        #expect(session.server("530 auth\r\n") == [])
        #expect(session.server("221 bye\r\n") == [.close])
    }

    @Test("8BITMIME, SMTPUTF8 and SIZE are used only when offered")
    func extensionsOnlyWhenOffered() {
        let eightBit = Array("Subject: Hej\r\n\r\nHej Åsa!\r\n".utf8)

        var plain = ScriptedSession.ready(EHLO.plain)
        let refused = plain.send(SMTPEnvelope(from: "info@example.se", recipients: ["asa@example.se"], message: eightBit))
        #expect(refused.count == 2)
        #expect(refused[0].failure?.kind == .permanent)
        #expect(refused[0].failure?.error.code == .eightBitNotSupported)
        #expect(refused[1] == .ready)

        var capable = ScriptedSession.ready(EHLO.pipelining)
        let mail = wire(capable.send(SMTPEnvelope(from: "info@example.se", recipients: ["asa@example.se"], message: eightBit)))
        #expect(mail.hasPrefix("MAIL FROM:<info@example.se> SIZE=\(eightBit.count) BODY=8BITMIME\r\n"))

        var noUTF8 = ScriptedSession.ready(EHLO.pipelining)
        let international = noUTF8.send(envelope(to: ["åsa@exempel.se"]))
        #expect(international[0].failure?.error.code == .smtpUTF8NotSupported)

        var utf8 = ScriptedSession.ready("250-mx\r\n250-SMTPUTF8\r\n250 8BITMIME\r\n")
        #expect(wire(utf8.send(envelope(to: ["åsa@exempel.se"]))) == "MAIL FROM:<info@example.se> SMTPUTF8\r\n")

        var small = ScriptedSession.ready("250-mx\r\n250 SIZE 20\r\n")
        let tooLarge = small.send(envelope())
        #expect(tooLarge[0].failure?.error.code == .messageTooLarge)
        #expect(tooLarge[0].failure?.kind == .permanent)
    }

    @Test("A recipient with a line break cannot inject a command: the message is refused unsent")
    func addressInjection() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        let actions = session.send(envelope(to: ["asa@example.se>\r\nRCPT TO:<spam@example.org"]))
        #expect(actions.count == 2)
        #expect(actions[0].failure?.error.code == .invalidAddress)
        #expect(actions[1] == .ready)
        #expect(wire(actions).isEmpty)

        #expect(session.send(envelope(to: []))[0].failure?.error.code == .noRecipients)
    }

    @Test("The null sender is sent as MAIL FROM:<>")
    func nullSender() {
        var session = ScriptedSession.ready(EHLO.plain)
        #expect(session.send(envelope(from: "")) == [sent("MAIL FROM:<>\r\n")])
    }

    @Test("The message data is dot-stuffed and CRLF-terminated on the wire")
    func dataIsEncoded() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope(message: "Subject: x\n\n.hidden\n.\nend"))
        let data = session.server("250 ok\r\n250 ok\r\n354 go\r\n")
        #expect(data == [.sendMessageData(Array("Subject: x\r\n\r\n..hidden\r\n..\r\nend\r\n.\r\n".utf8))])
    }

    @Test("quit() during a message: QUIT follows its outcome instead of ready")
    func quitAfterTheMessageInFlight() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope())
        #expect(session.quit() == [])
        _ = session.server("250 ok\r\n250 ok\r\n354 go\r\n")
        let done = session.server("250 queued\r\n")
        #expect(done.count == 2)
        #expect(done[0].delivery != nil)
        #expect(done[1] == sent("QUIT\r\n"))
    }

    @Test("A message handed over while another is in flight fails at once and leaves the first alone")
    func messageWhileBusy() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope())
        let second = session.send(envelope(to: ["bo@example.se"]))
        #expect(second.count == 1)
        #expect(second[0].failure?.kind == .temporary)
        #expect(second[0].failure?.error.code == .notReady)
        #expect(session.server("250 ok\r\n250 ok\r\n354 go\r\n") == [.sendMessageData(Array(defaultData.utf8))])
    }
}
