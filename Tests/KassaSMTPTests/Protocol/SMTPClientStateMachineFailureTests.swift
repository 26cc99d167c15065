import Foundation
import Testing
@testable import KassaSMTP

@Suite("SMTP state machine: timeouts, lost connections and 421")
struct SMTPClientStateMachineFailureTests {
    @Test("Every phase arms its own timeout", arguments: Phase.allCases)
    func timeoutPerPhase(phase: Phase) {
        let (session, timeout) = phase.session()
        #expect(session.machine.currentTimeout == timeout)
    }

    @Test("A timeout in each phase settles the message in flight and reconnects", arguments: Phase.allCases)
    func timeoutInEachPhase(phase: Phase) {
        var (session, _) = phase.session()
        let actions = session.timeout()
        switch phase {
        case .ready:
            // Nothing was awaited: a timer that fired late is ignored.
            #expect(actions == [])
            #expect(session.machine.isReady)
        case .quit:
            #expect(actions == [.close])
        case .dataReply:
            #expect(actions.count == 2)
            guard case .messageOutcomeUnknown(let error) = actions[0] else {
                Issue.record("expected an unknown outcome, got \(actions)")
                return
            }
            #expect(error.code == .timeout)
            #expect(error.message.contains("15 seconds"))
            #expect(error.message.contains("unknown"))
            #expect(actions[1].isReconnect)
        case _ where phase.hasMessage:
            #expect(actions.count == 2)
            #expect(actions[0].failure?.kind == .temporary)
            #expect(actions[0].failure?.error.code == .timeout)
            #expect(actions[1].isReconnect)
        default:
            #expect(actions.count == 1)
            #expect(actions[0].isReconnect)
            #expect(actions[0].error?.code == .timeout)
        }
        if phase != .ready {
            #expect(session.machine.isClosed)
            #expect(session.machine.currentTimeout == nil)
        }
    }

    @Test("A timeout names the step and the time waited")
    func timeoutMessage() {
        var (session, _) = Phase.recipient.session()
        let error = session.timeout()[0].failure?.error
        #expect(error?.message == "The SMTP server did not answer in time: the client waited 12 seconds for the reply to RCPT TO:<asa@example.se>.")
    }

    @Test("Connection closed while awaiting the DATA reply: the outcome is unknown, never a plain failure")
    func closedAwaitingDataReply() {
        var (session, _) = Phase.dataReply.session()
        #expect(session.machine.isAwaitingDataReply)
        let actions = session.connectionClosed()
        #expect(actions.count == 2)
        guard case .messageOutcomeUnknown(let error) = actions[0] else {
            Issue.record("expected an unknown outcome, got \(actions)")
            return
        }
        #expect(error.code == .connectionClosed)
        #expect(actions[1].isReconnect)
        #expect(!actions.contains { $0.failure != nil || $0.delivery != nil })
    }

    @Test("Connection closed before the data was complete: a temporary failure, safe to retry")
    func closedBeforeData() {
        for phase in [Phase.mail, .recipient, .data] {
            var (session, _) = phase.session()
            let actions = session.connectionClosed()
            #expect(actions[0].failure?.kind == .temporary, "\(phase)")
            #expect(actions[0].failure?.error.code == .connectionClosed, "\(phase)")
            #expect(actions[1].isReconnect, "\(phase)")
        }
    }

    @Test("Connection closed while idle or during set-up: reconnect; after QUIT: nothing to do")
    func closedOutsideAMessage() {
        for phase in [Phase.greeting, .ehlo, .startTLS, .tlsHandshake, .auth, .ready, .reset] {
            var (session, _) = phase.session()
            let actions = session.connectionClosed()
            #expect(actions.count == 1, "\(phase)")
            #expect(actions[0].isReconnect, "\(phase)")
            #expect(actions[0].error?.code == .connectionClosed, "\(phase)")
        }
        var (quitting, _) = Phase.quit.session()
        #expect(quitting.connectionClosed() == [])
        #expect(quitting.connectionClosed() == [])
    }

    @Test("421 at any point reconnects; with a message in flight it fails temporarily, even after the data")
    func serviceNotAvailableEverywhere() {
        for phase in Phase.allCases where phase != .tlsHandshake && phase != .quit {
            var (session, _) = phase.session()
            let actions = session.server("421 4.4.2 mx.example.se Error: timeout exceeded\r\n")
            #expect(actions.last?.isReconnect == true, "\(phase)")
            #expect(actions.last?.error?.code == .serviceNotAvailable, "\(phase)")
            if phase.hasMessage {
                #expect(actions.count == 2, "\(phase)")
                #expect(actions[0].failure?.kind == .temporary, "\(phase)")
            } else {
                #expect(actions.count == 1, "\(phase)")
            }
            #expect(session.machine.isClosed, "\(phase)")
        }
    }

    @Test("421 mid-session in a pipelined group: remaining replies are not awaited")
    func serviceNotAvailableMidPipeline() {
        var session = ScriptedSession.ready(EHLO.pipelining)
        _ = session.send(envelope())
        let actions = session.server("250 ok\r\n421 4.3.2 shutting down\r\n")
        #expect(actions.count == 2)
        #expect(actions[0].failure?.kind == .temporary)
        #expect(actions[0].failure?.recipients.map(\.reply) == [nil])
        #expect(actions[1].isReconnect)
        #expect(session.server("503 late\r\n") == [])
    }

    @Test("A channel error while awaiting the DATA reply is an unknown outcome too")
    func channelErrorAwaitingDataReply() {
        var (session, _) = Phase.dataReply.session()
        let parserError = SMTPError(.malformedReply, "garbage")
        let actions = session.machine.errorCaught(parserError)
        guard case .messageOutcomeUnknown(let error) = actions.first else {
            Issue.record("expected an unknown outcome, got \(actions)")
            return
        }
        #expect(error.code == .malformedReply)
        #expect(actions.last?.isReconnect == true)
    }

    @Test("A reply to the final dot that is not a verdict leaves the outcome unknown")
    func nonVerdictAfterData() {
        var (session, _) = Phase.dataReply.session()
        let actions = session.server("354 again?\r\n")
        guard case .messageOutcomeUnknown = actions.first else {
            Issue.record("expected an unknown outcome, got \(actions)")
            return
        }
        #expect(actions.last?.isReconnect == true)
    }

    @Test("RSET refused: the connection is not reused")
    func resetRefused() {
        var (session, _) = Phase.reset.session()
        let actions = session.server("500 what?\r\n")
        #expect(actions.count == 1)
        #expect(actions[0].isReconnect)
        #expect(actions[0].error?.code == .resetFailed)
    }

    @Test("A reply nobody asked for while idle closes the connection")
    func unsolicitedReply() {
        var session = ScriptedSession.ready()
        let actions = session.server("250 surprise\r\n")
        #expect(actions.count == 1)
        #expect(actions[0].error?.code == .unexpectedReply)
        #expect(session.machine.isClosed)
    }

    @Test("Nothing happens after the session is closed")
    func closedIsFinal() {
        var (session, _) = Phase.mail.session()
        _ = session.connectionClosed()
        #expect(session.server("250 ok\r\n") == [])
        #expect(session.timeout() == [])
        #expect(session.connectionClosed() == [])
        #expect(session.quit() == [])
        #expect(session.send(envelope())[0].failure?.error.code == .notReady)
    }
}
