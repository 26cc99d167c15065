import Foundation
import Testing
@testable import KassaSMTP

@Suite("SMTP state machine: greeting, EHLO, STARTTLS and AUTH")
struct SMTPClientStateMachineSessionTests {
    @Test("The client waits for the greeting, then sends EHLO with its name")
    func greetingThenEHLO() {
        var session = ScriptedSession(TestConfig.clear)
        #expect(session.connected() == [])
        #expect(session.machine.currentTimeout == .seconds(300))
        #expect(session.server("220-mx.example.se ESMTP\r\n220 welcome\r\n") == [sent("EHLO kassa.example.se\r\n")])
        #expect(session.server(EHLO.pipelining) == [.ready])
        #expect(session.machine.isReady)
        #expect(session.machine.currentTimeout == nil)
        #expect(session.machine.capabilities.pipelining)
        #expect(session.machine.capabilities.maximumMessageSize == 10_240_000)
        #expect(!session.machine.isSecure)
    }

    @Test("STARTTLS required but not offered: nothing is sent in clear text, the session fails and quits")
    func startTLSRequiredButMissing() {
        var session = ScriptedSession(TestConfig.startTLS(TestConfig.credentials))
        _ = session.connected()
        _ = session.server("220 mx.example.se ESMTP\r\n")
        let actions = session.server("250-mx.example.se\r\n250-AUTH PLAIN LOGIN\r\n250 PIPELINING\r\n")

        #expect(actions.count == 2)
        #expect(actions.first?.error?.code == .startTLSNotOffered)
        #expect(actions.last == sent("QUIT\r\n"))
        // The credentials offered in clear text were not used.
        #expect(!wire(actions).contains("AUTH"))
        #expect(actions.first?.error?.message.contains("clear text") == true)

        // A message handed over anyway is refused without a byte on the wire.
        let refused = session.send(envelope())
        #expect(refused.count == 1)
        #expect(refused[0].failure?.error.code == .notReady)
        #expect(wire(refused).isEmpty)

        #expect(session.server("221 bye\r\n") == [.close])
        #expect(session.machine.isClosed)
    }

    @Test("STARTTLS, then EHLO again: capabilities read before TLS are forgotten")
    func startTLSThenEHLOAgain() {
        var session = ScriptedSession(TestConfig.startTLS)
        _ = session.connected()
        _ = session.server("220 mx.example.se ESMTP\r\n")
        #expect(session.server(EHLO.startTLSOnly) == [sent("STARTTLS\r\n")])
        #expect(session.machine.capabilities.startTLS)

        #expect(session.server("220 2.0.0 Ready to start TLS\r\n") == [.startTLS])
        #expect(session.machine.currentTimeout == .seconds(60))
        // Nothing from before the handshake survives it.
        #expect(session.machine.capabilities == SMTPCapabilities())

        #expect(session.tlsEstablished() == [sent("EHLO kassa.example.se\r\n")])
        #expect(session.machine.isSecure)
        #expect(session.server("250-mx.example.se\r\n250 8BITMIME\r\n") == [.ready])
        #expect(!session.machine.capabilities.startTLS)
        #expect(!session.machine.capabilities.pipelining)
        #expect(session.machine.capabilities.eightBitMIME)
    }

    @Test("A reply arriving during the TLS handshake closes the connection (STARTTLS injection)")
    func replyDuringHandshake() {
        var session = ScriptedSession(TestConfig.startTLS)
        _ = session.connected()
        _ = session.server("220 mx.example.se ESMTP\r\n")
        _ = session.server(EHLO.startTLSOnly)
        // The attacker's reply sits right behind the 220 in the same read.
        let actions = session.server("220 go ahead\r\n250 injected\r\n")
        #expect(actions.count == 3)
        #expect(actions[0] == .startTLS)
        #expect(actions[1].error?.code == .unexpectedReply)
        #expect(actions[2] == .close)
        #expect(session.machine.isClosed)
        #expect(session.tlsEstablished() == [])
    }

    @Test("STARTTLS refused: 454 reconnects later, 5xx fails")
    func startTLSRefused() {
        var temporary = ScriptedSession(TestConfig.startTLS)
        _ = temporary.connected()
        _ = temporary.server("220 mx\r\n")
        _ = temporary.server(EHLO.startTLSOnly)
        let later = temporary.server("454 4.7.0 TLS not available due to temporary reason\r\n")
        #expect(later.count == 1)
        #expect(later[0].isReconnect)
        #expect(later[0].error?.code == .startTLSRefused)

        var permanent = ScriptedSession(TestConfig.startTLS)
        _ = permanent.connected()
        _ = permanent.server("220 mx\r\n")
        _ = permanent.server(EHLO.startTLSOnly)
        let never = permanent.server("502 5.5.1 no\r\n")
        #expect(never.first?.error?.code == .startTLSRefused)
        #expect(never.last == sent("QUIT\r\n"))
    }

    @Test("AUTH PLAIN after STARTTLS sends base64 of NUL user NUL password with the command")
    func authPlain() {
        var session = ScriptedSession(TestConfig.startTLS(TestConfig.credentials))
        _ = session.connected()
        _ = session.server("220 mx\r\n")
        // Before TLS the server offers no AUTH (as aiosmtpd does); the client does not try.
        #expect(session.server(EHLO.startTLSOnly) == [sent("STARTTLS\r\n")])
        _ = session.server("220 go\r\n")
        _ = session.tlsEstablished()

        let expected = foundationBase64([0] + Array("shop".utf8) + [0] + Array("hemligt lösen".utf8))
        #expect(session.server(EHLO.afterTLS) == [sent("AUTH PLAIN \(expected)\r\n")])
        #expect(session.server("235 2.7.0 Authentication successful\r\n") == [.ready])
    }

    @Test("AUTH LOGIN answers the two 334 prompts with the base64 username and password")
    func authLogin() {
        let credentials = SMTPCredentials(username: "shop", password: "hemligt", preferredMechanism: .login)
        var session = ScriptedSession(SMTPClientConfiguration(tls: .implicit, credentials: credentials, ehloName: "kassa.example.se"))
        // Implicit TLS: secure from the start, no STARTTLS.
        #expect(session.machine.isSecure)
        _ = session.connected()
        _ = session.server("220 mx\r\n")
        #expect(session.server(EHLO.afterTLS) == [sent("AUTH LOGIN\r\n")])
        #expect(session.server("334 VXNlcm5hbWU6\r\n") == [sent(foundationBase64(Array("shop".utf8)) + "\r\n")])
        #expect(session.server("334 UGFzc3dvcmQ6\r\n") == [sent(foundationBase64(Array("hemligt".utf8)) + "\r\n")])
        #expect(session.server("235 ok\r\n") == [.ready])
    }

    @Test("The preferred mechanism is used when offered, the other one when not")
    func mechanismChoice() {
        func firstAuthCommand(preferred: SMTPAuthMechanism?, offered: String) -> String {
            let credentials = SMTPCredentials(username: "u", password: "p", preferredMechanism: preferred)
            var session = ScriptedSession(SMTPClientConfiguration(tls: .implicit, credentials: credentials))
            _ = session.connected()
            _ = session.server("220 mx\r\n")
            return wire(session.server("250-mx\r\n250 AUTH \(offered)\r\n"))
        }
        #expect(firstAuthCommand(preferred: nil, offered: "LOGIN PLAIN").hasPrefix("AUTH PLAIN "))
        #expect(firstAuthCommand(preferred: .login, offered: "PLAIN LOGIN") == "AUTH LOGIN\r\n")
        #expect(firstAuthCommand(preferred: .login, offered: "PLAIN").hasPrefix("AUTH PLAIN "))
        #expect(firstAuthCommand(preferred: .plain, offered: "login") == "AUTH LOGIN\r\n")
    }

    @Test("Credentials without a supported mechanism fail clearly, naming what is offered")
    func noSupportedMechanism() {
        var session = ScriptedSession(SMTPClientConfiguration(tls: .implicit, credentials: TestConfig.credentials))
        _ = session.connected()
        _ = session.server("220 mx\r\n")
        let actions = session.server("250-mx\r\n250 AUTH CRAM-MD5 XOAUTH2\r\n")
        #expect(actions.first?.error?.code == .authenticationNotSupported)
        #expect(actions.first?.error?.message.contains("CRAM-MD5, XOAUTH2") == true)
        #expect(actions.last == sent("QUIT\r\n"))

        var none = ScriptedSession(SMTPClientConfiguration(tls: .implicit, credentials: TestConfig.credentials))
        _ = none.connected()
        _ = none.server("220 mx\r\n")
        let noAuth = none.server("250 mx\r\n")
        #expect(noAuth.first?.error?.code == .authenticationNotSupported)
        #expect(noAuth.first?.error?.message.contains("offers no AUTH") == true)
    }

    @Test("Refused credentials: 535 fails the session, 454 reconnects; the password is never in the message")
    func authenticationRefused() {
        var session = ScriptedSession(SMTPClientConfiguration(tls: .implicit, credentials: TestConfig.credentials))
        _ = session.connected()
        _ = session.server("220 mx\r\n")
        _ = session.server(EHLO.afterTLS)
        let refused = session.server("535 5.7.8 Authentication credentials invalid\r\n")
        #expect(refused.first?.error?.code == .authenticationFailed)
        #expect(refused.first?.error?.reply?.code == 535)
        #expect(refused.first?.error?.message.contains("hemligt") == false)
        #expect(refused.first?.error?.message.contains("\"shop\"") == true)
        #expect(refused.last == sent("QUIT\r\n"))

        var later = ScriptedSession(SMTPClientConfiguration(tls: .implicit, credentials: TestConfig.credentials))
        _ = later.connected()
        _ = later.server("220 mx\r\n")
        _ = later.server(EHLO.afterTLS)
        let temporary = later.server("454 4.7.0 Temporary authentication failure\r\n")
        #expect(temporary.count == 1)
        #expect(temporary[0].isReconnect)
    }

    @Test("With TLS off, AUTH goes out in clear text as configured")
    func authInClearWhenTLSIsOff() {
        var session = ScriptedSession(SMTPClientConfiguration(tls: .none, credentials: TestConfig.credentials))
        _ = session.connected()
        _ = session.server("220 mx\r\n")
        #expect(wire(session.server("250-mx\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n")).hasPrefix("AUTH PLAIN "))
    }

    @Test("EHLO refused with 5xx: HELO, and no extensions are used")
    func ehloRefusedFallsBackToHELO() {
        var session = ScriptedSession(TestConfig.clear)
        _ = session.connected()
        _ = session.server("220 old.example.se SMTP\r\n")
        #expect(session.server("502 5.5.2 Error: command not recognized\r\n") == [sent("HELO kassa.example.se\r\n")])
        #expect(session.server("250 old.example.se\r\n") == [.ready])
        #expect(session.machine.capabilities == SMTPCapabilities())

        // Without PIPELINING each command waits for its reply.
        #expect(session.send(envelope()) == [sent("MAIL FROM:<info@example.se>\r\n")])
    }

    @Test("EHLO refused and STARTTLS required: HELO cannot offer STARTTLS, so the session fails")
    func heloCannotStartTLS() {
        var session = ScriptedSession(TestConfig.startTLS)
        _ = session.connected()
        _ = session.server("220 old\r\n")
        _ = session.server("500 unknown command\r\n")
        let actions = session.server("250 old\r\n")
        #expect(actions.first?.error?.code == .startTLSNotOffered)
        #expect(actions.last == sent("QUIT\r\n"))
    }

    @Test("HELO refused too: the session fails")
    func heloRefused() {
        var session = ScriptedSession(TestConfig.clear)
        _ = session.connected()
        _ = session.server("220 old\r\n")
        _ = session.server("500 no\r\n")
        let actions = session.server("550 go away\r\n")
        #expect(actions.first?.error?.code == .helloRefused)
        #expect(actions.last == sent("QUIT\r\n"))
    }

    @Test("A 554 greeting fails the session; a 421 greeting reconnects later")
    func greetingRefused() {
        var refused = ScriptedSession(TestConfig.clear)
        _ = refused.connected()
        let actions = refused.server("554 5.3.2 No SMTP service here\r\n")
        #expect(actions.first?.error?.code == .greetingRefused)
        #expect(actions.last == sent("QUIT\r\n"))

        var busy = ScriptedSession(TestConfig.clear)
        _ = busy.connected()
        let later = busy.server("421 4.3.2 Too many connections\r\n")
        #expect(later.count == 1)
        #expect(later[0].isReconnect)
        #expect(later[0].error?.code == .serviceNotAvailable)
    }

    @Test("An EHLO name that could inject a command is refused before anything is sent")
    func invalidConfiguration() {
        var session = ScriptedSession(SMTPClientConfiguration(tls: .none, ehloName: "kassa\r\nRCPT TO:<x@y>"))
        let actions = session.connected()
        #expect(actions.first?.error?.code == .invalidConfiguration)
        #expect(actions.last == .close)

        var nul = ScriptedSession(SMTPClientConfiguration(tls: .implicit, credentials: SMTPCredentials(username: "a\0b", password: "p")))
        #expect(nul.connected().first?.error?.code == .invalidConfiguration)
    }

    @Test("quit() when idle sends QUIT and closes on the reply; during set-up it waits for the end of it")
    func quitting() {
        var idle = ScriptedSession.ready()
        #expect(idle.quit() == [sent("QUIT\r\n")])
        #expect(idle.quit() == [])
        #expect(idle.server("221 2.0.0 Bye\r\n") == [.close])

        var early = ScriptedSession(TestConfig.clear)
        _ = early.connected()
        #expect(early.quit() == [])
        _ = early.server("220 mx\r\n")
        #expect(early.server(EHLO.plain) == [sent("QUIT\r\n")])
        // The server may hang up without answering QUIT.
        #expect(early.connectionClosed() == [])
        #expect(early.machine.isClosed)
    }

    @Test("Credentials never appear in descriptions")
    func descriptionsRedactThePassword() {
        let configuration = TestConfig.startTLS(TestConfig.credentials)
        #expect(!String(describing: configuration.credentials!).contains("hemligt"))
        let machine = SMTPClientStateMachine(configuration: configuration)
        #expect(!machine.description.contains("hemligt"))
    }
}
