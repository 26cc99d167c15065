import KassaTesting
import Foundation
@testable import KassaSMTP

typealias Action = SMTPClientStateMachine.Action

/// A scripted SMTP conversation: the test plays the server, writing replies as the wire text,
/// and reads back what the client did.
struct ScriptedSession {
    var machine: SMTPClientStateMachine
    private var parser = SMTPReplyParser()

    init(_ configuration: SMTPClientConfiguration) {
        machine = SMTPClientStateMachine(configuration: configuration)
    }

    /// The server sends `text` (one or more replies, exactly as on the wire); the actions the
    /// client takes for all of them, in order.
    mutating func server(_ text: String) -> [Action] {
        parser.append(Array(text.utf8))
        var actions: [Action] = []
        while let reply = try! parser.nextReply() {
            actions += machine.replyReceived(reply)
        }
        return actions
    }

    mutating func connected() -> [Action] { machine.connected() }
    mutating func tlsEstablished() -> [Action] { machine.tlsEstablished() }
    mutating func send(_ envelope: SMTPEnvelope) -> [Action] { machine.sendMessage(envelope) }
    mutating func quit() -> [Action] { machine.quit() }
    mutating func timeout() -> [Action] { machine.timeout() }
    mutating func connectionClosed() -> [Action] { machine.connectionClosed() }
}

/// The usual configurations of the tests.
enum TestConfig {
    static let clear = SMTPClientConfiguration(tls: .none, ehloName: "kassa.example.se")
    static let startTLS = SMTPClientConfiguration(tls: .startTLS, ehloName: "kassa.example.se")
    static func startTLS(_ credentials: SMTPCredentials) -> SMTPClientConfiguration {
        SMTPClientConfiguration(tls: .startTLS, credentials: credentials, ehloName: "kassa.example.se")
    }
    static let credentials = SMTPCredentials(username: "shop", password: "hemligt lösen")
}

/// A client write, as text.
func sent(_ text: String) -> Action {
    .send(Array(text.utf8))
}

/// Everything the actions write, as text, concatenated.
func wire(_ actions: [Action]) -> String {
    actions.map { action in
        switch action {
        case .send(let bytes), .sendMessageData(let bytes): String(decoding: bytes, as: UTF8.self)
        default: ""
        }
    }.joined()
}

/// The base64 of `text`'s UTF-8, computed by Foundation (independent of the module's encoder).
func foundationBase64(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
}

/// A small message to send.
func envelope(
    from: String = "info@example.se",
    to recipients: [String] = ["asa@example.se"],
    message: String = "Subject: Hej\r\n\r\nHej Asa!\r\n"
) -> SMTPEnvelope {
    SMTPEnvelope(from: from, recipients: recipients, message: Array(message.utf8))
}

/// The expected data phase bytes for the default message.
let defaultData = "Subject: Hej\r\n\r\nHej Asa!\r\n.\r\n"

/// EHLO replies used by the tests.
enum EHLO {
    static let pipelining = "250-mx.example.se Hello\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 10240000\r\n250 ENHANCEDSTATUSCODES\r\n"
    static let plain = "250-mx.example.se Hello\r\n250 ENHANCEDSTATUSCODES\r\n"
    static let startTLSOnly = "250-mx.example.se Hello\r\n250-PIPELINING\r\n250 STARTTLS\r\n"
    static let afterTLS = "250-mx.example.se Hello\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
}

extension ScriptedSession {
    /// A clear-text session driven to `.ready` with the given EHLO reply.
    static func ready(_ ehlo: String = EHLO.pipelining, configuration: SMTPClientConfiguration = TestConfig.clear) -> ScriptedSession {
        var session = ScriptedSession(configuration)
        _ = session.connected()
        _ = session.server("220 mx.example.se ESMTP\r\n")
        let actions = session.server(ehlo)
        precondition(actions == [.ready], "expected ready, got \(actions)")
        return session
    }
}

extension Action {
    /// The failure, when this is `.messageFailed`.
    var failure: SMTPDeliveryFailure? {
        if case .messageFailed(let failure) = self { return failure }
        return nil
    }

    /// The delivery, when this is `.messageAccepted`.
    var delivery: SMTPDelivery? {
        if case .messageAccepted(let delivery) = self { return delivery }
        return nil
    }

    /// The error of `.fail`, `.reconnect` or `.messageOutcomeUnknown`.
    var error: SMTPError? {
        switch self {
        case .fail(let error), .reconnect(let error), .messageOutcomeUnknown(let error): error
        case .messageFailed(let failure): failure.error
        default: nil
        }
    }

    var isReconnect: Bool {
        if case .reconnect = self { return true }
        return false
    }
}

/// The phases a session goes through, each reached by a script, for the tests that cut a
/// session short at every point.
enum Phase: String, CaseIterable, CustomStringConvertible {
    case greeting, ehlo, startTLS, tlsHandshake, auth, ready, mail, recipient, data, dataReply, reset, quit

    var description: String { rawValue }

    /// A session stopped in this phase, and the timeout the phase should arm.
    func session() -> (ScriptedSession, Duration?) {
        let timeouts = SMTPTimeouts(
            greeting: .seconds(11), command: .seconds(12), tlsHandshake: .seconds(13),
            dataInitiation: .seconds(14), dataTermination: .seconds(15)
        )
        let secure = SMTPClientConfiguration(tls: .startTLS, credentials: TestConfig.credentials, ehloName: "k", timeouts: timeouts)
        let clear = SMTPClientConfiguration(tls: .none, ehloName: "k", timeouts: timeouts)
        var session = ScriptedSession(self <= .auth ? secure : clear)
        _ = session.connected()
        if self == .greeting { return (session, .seconds(11)) }
        _ = session.server("220 mx\r\n")
        if self == .ehlo { return (session, .seconds(12)) }
        if self <= .auth {
            _ = session.server(EHLO.startTLSOnly)
            if self == .startTLS { return (session, .seconds(12)) }
            _ = session.server("220 go\r\n")
            if self == .tlsHandshake { return (session, .seconds(13)) }
            _ = session.tlsEstablished()
            _ = session.server(EHLO.afterTLS)
            return (session, .seconds(12))
        }
        // Without PIPELINING, so that each transaction step waits on its own reply.
        _ = session.server(EHLO.plain)
        switch self {
        case .ready:
            return (session, nil)
        case .quit:
            _ = session.quit()
            return (session, .seconds(12))
        default:
            break
        }
        _ = session.send(envelope())
        if self == .mail { return (session, .seconds(12)) }
        if self == .reset {
            _ = session.server("451 later\r\n")
            return (session, .seconds(12))
        }
        _ = session.server("250 ok\r\n")
        if self == .recipient { return (session, .seconds(12)) }
        _ = session.server("250 ok\r\n")
        if self == .data { return (session, .seconds(14)) }
        _ = session.server("354 go\r\n")
        return (session, .seconds(15))
    }

    static func <= (lhs: Phase, rhs: Phase) -> Bool {
        allCases.firstIndex(of: lhs)! <= allCases.firstIndex(of: rhs)!
    }

    /// Whether a message is in flight in this phase.
    var hasMessage: Bool { [.mail, .recipient, .data, .dataReply].contains(self) }
}

