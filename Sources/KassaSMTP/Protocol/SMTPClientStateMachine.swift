/// The client side of one SMTP connection as a pure state machine: events in, actions out,
/// no sockets, no clocks, no threads.
///
/// A channel handler owns one machine per connection and drives it like this:
///
/// 1. When the connection is up (for `.implicit` TLS: the TLS handler is in the pipeline),
///    call `connected()`.
/// 2. Feed every read to an `SMTPReplyParser` and pass each complete reply to
///    `replyReceived(_:)`.
/// 3. Perform the returned actions in order (see `Action`): write bytes, start TLS, report
///    a message's outcome, close.
/// 4. After every event, re-arm one timer with `currentTimeout` (cancel it when `nil`);
///    when it fires, call `timeout()`.
/// 5. When `.startTLS` has been performed and the handshake completed, call
///    `tlsEstablished()`; when the channel closes, `connectionClosed()`; on a channel error
///    (TLS, parser), `errorCaught(_:)`.
/// 6. On `.ready`, hand over the next message with `sendMessage(_:)`, or end the session
///    with `quit()`.
///
/// One message is in flight at a time. Its outcome is exactly one of `.messageAccepted`,
/// `.messageFailed` or `.messageOutcomeUnknown`. The last one happens only when the
/// connection is lost after the data and its final `.` were written and before the server
/// answered (`isAwaitingDataReply`): the server may or may not have taken the message, so
/// the caller records "unknown" and never resends it silently.
///
/// Rules it keeps:
/// - `.startTLS` mode: STARTTLS must be offered, or nothing else is sent (`.fail` with
///   `.startTLSNotOffered`); after TLS, EHLO again and forget the capabilities read before.
/// - AUTH (PLAIN, or LOGIN) only once the connection is encrypted, unless TLS is configured
///   off; credentials with no supported mechanism offered fail clearly.
/// - EHLO refused with 5xx: HELO, and no extensions.
/// - PIPELINING when offered: `MAIL FROM`, every `RCPT TO` and `DATA` in one write.
/// - 8BITMIME and SMTPUTF8 only when offered; a message that needs them fails otherwise.
/// - 421 at any point: reconnect. 4xx on MAIL/RCPT/DATA or the data: temporary failure;
///   5xx: permanent. A transaction that fails before the data is sent is cleared with RSET
///   before the next message; one that ends with the reply to the final `.` needs none.
public struct SMTPClientStateMachine: Sendable, CustomStringConvertible {
    /// Where the session is.
    enum State: Sendable, Hashable {
        /// Not connected yet.
        case initial
        case awaitingGreeting
        case awaitingEHLO
        case awaitingHELO
        case awaitingStartTLS
        /// STARTTLS was accepted; the channel is doing the handshake.
        case awaitingTLSHandshake
        case authenticating(AuthenticationStep)
        /// Idle between messages.
        case ready
        case inTransaction(SMTPTransaction)
        /// RSET sent after a failed transaction.
        case resetting
        /// QUIT sent; `pendingReplies` replies to earlier pipelined commands still come first.
        case quitting(pendingReplies: Int)
        case closed
    }

    /// Where an AUTH exchange is.
    enum AuthenticationStep: Sendable, Hashable {
        case awaitingPlainResult
        case awaitingLoginUsernamePrompt
        case awaitingLoginPasswordPrompt
        case awaitingLoginResult
    }

    /// What the channel handler must do, in the order given.
    public enum Action: Sendable, Hashable {
        /// Write these bytes: one command, or a PIPELINING group (`MAIL FROM` + `RCPT TO`… +
        /// `DATA`) that must go out in one write. They may contain credentials: never log them.
        case send([UInt8])
        /// Write the message data (dot-stuffed, ending with CRLF `.` CRLF). From the moment
        /// these bytes are written until the message's outcome is reported, the outcome is
        /// unknown: a caller that must survive a crash records that before writing.
        case sendMessageData([UInt8])
        /// Start TLS on the connection (add the TLS handler), then call `tlsEstablished()`,
        /// or `errorCaught(_:)` if the handshake fails. Bytes already buffered by the reply
        /// parser must not be used: if `SMTPReplyParser.hasBufferedInput`, close instead.
        case startTLS
        /// The session is idle: call `sendMessage(_:)` or `quit()`.
        case ready
        /// The server accepted the message in flight.
        case messageAccepted(SMTPDelivery)
        /// The message in flight was not sent; `kind` says whether to retry later.
        case messageFailed(SMTPDeliveryFailure)
        /// The connection was lost while waiting for the reply to the final `.`: the server
        /// may have accepted the message. Record the outcome as unknown; do not resend it
        /// without a person deciding.
        case messageOutcomeUnknown(SMTPError)
        /// Close the connection (if it is still open). The cause is transient (421, a
        /// timeout, a lost connection, a 4xx during set-up): further messages need a new
        /// connection, after a back-off.
        case reconnect(SMTPError)
        /// The session cannot be used, and a new connection with the same configuration would
        /// fail the same way (STARTTLS not offered, credentials refused, greeting refused).
        /// Report it and stop sending through this server. The next action says what happens
        /// to the connection: `.send` (QUIT) then, after its reply, `.close`; or `.close`.
        case fail(SMTPError)
        /// Close the connection.
        case close
    }

    /// The configuration the session follows.
    public let configuration: SMTPClientConfiguration
    /// Where the session is.
    var state: State = .initial
    /// What the server offers: the last EHLO reply, or none after HELO or before EHLO.
    public internal(set) var capabilities = SMTPCapabilities()
    /// Whether the connection is encrypted (implicit TLS, or STARTTLS completed).
    public internal(set) var isSecure: Bool
    /// `quit()` was called while busy: QUIT goes out as soon as the session is idle.
    private var quitRequested = false

    /// A machine for one new connection.
    public init(configuration: SMTPClientConfiguration) {
        self.configuration = configuration
        self.isSecure = configuration.tls == .implicit
    }

    // MARK: Events

    /// The connection is open (with `.implicit` TLS: the TLS handler is in place); the server
    /// speaks first.
    public mutating func connected() -> [Action] {
        guard case .initial = state else { return [] }
        if let problem = configuration.problem() {
            state = .closed
            return [.fail(problem), .close]
        }
        state = .awaitingGreeting
        return []
    }

    /// A complete reply from the server, as `SMTPReplyParser` returns it.
    public mutating func replyReceived(_ reply: SMTPReply) -> [Action] {
        switch state {
        case .initial, .closed:
            return []
        case .awaitingGreeting:
            return greetingReceived(reply)
        case .awaitingEHLO:
            return ehloReplyReceived(reply)
        case .awaitingHELO:
            return heloReplyReceived(reply)
        case .awaitingStartTLS:
            return startTLSReplyReceived(reply)
        case .awaitingTLSHandshake:
            // Whatever arrives now was sent before the handshake, in clear text, and must not
            // be taken as the server's word over TLS.
            return failSession(
                SMTPError(
                    .unexpectedReply,
                    "The server sent \(SMTPError.quoted(reply)) after accepting STARTTLS and before the TLS handshake; the connection is closed because that text could have been injected.",
                    reply: reply
                ),
                quit: false
            )
        case .authenticating(let step):
            return authenticationReplyReceived(reply, step: step)
        case .ready:
            return unsolicitedReplyReceived(reply)
        case .inTransaction(let transaction):
            return transactionReplyReceived(reply, transaction: transaction)
        case .resetting:
            return resetReplyReceived(reply)
        case .quitting(let pendingReplies):
            if pendingReplies > 0 {
                state = .quitting(pendingReplies: pendingReplies - 1)
                return []
            }
            state = .closed
            return [.close]
        }
    }

    /// The TLS handshake that `.startTLS` asked for has completed. Ignored at any other time
    /// (with `.implicit` TLS the handshake precedes `connected()`).
    public mutating func tlsEstablished() -> [Action] {
        guard case .awaitingTLSHandshake = state else { return [] }
        isSecure = true
        state = .awaitingEHLO
        return [.send(SMTPCommand.ehlo(configuration.ehloName).bytes)]
    }

    /// Sends one message. Call it only after `.ready`; otherwise the message fails at once as
    /// temporary (`.notReady`).
    public mutating func sendMessage(_ envelope: SMTPEnvelope) -> [Action] {
        startTransaction(envelope)
    }

    /// Ends the session politely with QUIT: at once when idle, or after the message in flight
    /// (or the set-up) has finished.
    public mutating func quit() -> [Action] {
        switch state {
        case .initial:
            state = .closed
            return []
        case .ready:
            return sendQuit()
        case .quitting, .closed:
            return []
        case .awaitingGreeting, .awaitingEHLO, .awaitingHELO, .awaitingStartTLS, .awaitingTLSHandshake,
             .authenticating, .inTransaction, .resetting:
            quitRequested = true
            return []
        }
    }

    /// The timer armed with `currentTimeout` fired: the awaited reply (or handshake) did not
    /// come in time.
    public mutating func timeout() -> [Action] {
        switch state {
        case .initial, .ready, .closed:
            // Nothing was awaited: a timer that fired late, after the reply it guarded.
            return []
        case .quitting:
            state = .closed
            return [.close]
        default:
            let waited = currentTimeout.map { " \(Self.describe($0))" } ?? ""
            let error = SMTPError(.timeout, "The SMTP server did not answer in time: the client waited\(waited) for \(awaitedStep).")
            return connectionLost(error)
        }
    }

    /// The connection closed (the server hung up, or the network dropped it).
    public mutating func connectionClosed() -> [Action] {
        switch state {
        case .closed:
            return []
        case .quitting:
            state = .closed
            return []
        case .initial, .ready:
            return connectionLost(SMTPError(.connectionClosed, "The connection to the SMTP server closed while it was idle."))
        default:
            return connectionLost(SMTPError(.connectionClosed, "The connection to the SMTP server closed while the client waited for \(awaitedStep)."))
        }
    }

    /// The channel failed (the TLS handshake, or the reply parser threw): the connection is
    /// unusable and must be closed.
    public mutating func errorCaught(_ error: SMTPError) -> [Action] {
        switch state {
        case .closed:
            return []
        case .quitting:
            state = .closed
            return [.close]
        default:
            return connectionLost(error)
        }
    }

    // MARK: Observing

    /// How long to wait for what the session awaits now, or `nil` when it awaits nothing
    /// (idle, closed, not yet connected). Re-arm the timer after every event.
    public var currentTimeout: Duration? {
        let timeouts = configuration.timeouts
        switch state {
        case .initial, .ready, .closed:
            return nil
        case .awaitingGreeting:
            return timeouts.greeting
        case .awaitingTLSHandshake:
            return timeouts.tlsHandshake
        case .awaitingEHLO, .awaitingHELO, .awaitingStartTLS, .authenticating, .resetting, .quitting:
            return timeouts.command
        case .inTransaction(let transaction):
            switch transaction.step {
            case .mail, .recipient: return timeouts.command
            case .data: return timeouts.dataInitiation
            case .awaitingDataReply, .abortingData: return timeouts.dataTermination
            }
        }
    }

    /// Whether the session is idle and can take a message.
    public var isReady: Bool {
        if case .ready = state { return true }
        return false
    }

    /// Whether the message data and its final `.` have been handed out for writing and the
    /// server's verdict has not arrived: if the connection dies now, the outcome is unknown.
    public var isAwaitingDataReply: Bool {
        if case .inTransaction(let transaction) = state, transaction.step == .awaitingDataReply { return true }
        return false
    }

    /// Whether the session is over: nothing more will be sent or reported.
    public var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    /// The state and whether the connection is encrypted; never the message or credentials.
    public var description: String {
        "SMTPClientStateMachine(state: \(state.name), secure: \(isSecure))"
    }

    // MARK: Shared transitions

    /// Idle after set-up or a message: `.ready`, or QUIT when `quit()` was called meanwhile.
    mutating func becomeIdle() -> [Action] {
        if quitRequested {
            return sendQuit()
        }
        state = .ready
        return [.ready]
    }

    mutating func sendQuit(pendingReplies: Int = 0) -> [Action] {
        state = .quitting(pendingReplies: pendingReplies)
        return [.send(SMTPCommand.quit.bytes)]
    }

    /// `.fail`, then QUIT when the server can still read commands, else close at once.
    mutating func failSession(_ error: SMTPError, quit: Bool, pendingReplies: Int = 0) -> [Action] {
        if quit {
            return [.fail(error)] + sendQuit(pendingReplies: pendingReplies)
        }
        state = .closed
        return [.fail(error), .close]
    }

    mutating func reconnect(_ error: SMTPError) -> [Action] {
        state = .closed
        return [.reconnect(error)]
    }

    /// The connection is gone or unusable: settle the message in flight, then reconnect.
    private mutating func connectionLost(_ error: SMTPError) -> [Action] {
        if case .inTransaction(let transaction) = state {
            return transactionInterrupted(transaction, by: error) + reconnect(error)
        }
        return reconnect(error)
    }

    /// A reply while idle: 421 is the server closing an idle connection; anything else means
    /// client and server disagree about the conversation.
    private mutating func unsolicitedReplyReceived(_ reply: SMTPReply) -> [Action] {
        if reply.code == 421 {
            return reconnect(Self.serviceNotAvailable(reply))
        }
        return reconnect(SMTPError(
            .unexpectedReply,
            "The server sent \(SMTPError.quoted(reply)) while no command was waiting for a reply.",
            reply: reply
        ))
    }

    static func serviceNotAvailable(_ reply: SMTPReply) -> SMTPError {
        SMTPError(
            .serviceNotAvailable,
            "The server is closing the connection (\(SMTPError.quoted(reply))); the client will connect again later.",
            reply: reply
        )
    }

    /// What the session waits for now, for messages: "the reply to RSET".
    var awaitedStep: String {
        switch state {
        case .initial: "the connection to open"
        case .awaitingGreeting: "the server's greeting"
        case .awaitingEHLO: "the reply to EHLO"
        case .awaitingHELO: "the reply to HELO"
        case .awaitingStartTLS: "the reply to STARTTLS"
        case .awaitingTLSHandshake: "the TLS handshake to finish"
        case .authenticating: "the reply to AUTH"
        case .ready: "the next message"
        case .inTransaction(let transaction): transaction.awaitedStep
        case .resetting: "the reply to RSET"
        case .quitting: "the reply to QUIT"
        case .closed: "nothing (the session is closed)"
        }
    }

    static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return seconds == 1 ? "1 second" : "\(seconds) seconds" }
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return "\(milliseconds) ms"
    }
}

extension SMTPClientStateMachine.State {
    /// The case name, without associated values (which may hold the message).
    var name: String {
        switch self {
        case .initial: "initial"
        case .awaitingGreeting: "awaitingGreeting"
        case .awaitingEHLO: "awaitingEHLO"
        case .awaitingHELO: "awaitingHELO"
        case .awaitingStartTLS: "awaitingStartTLS"
        case .awaitingTLSHandshake: "awaitingTLSHandshake"
        case .authenticating(let step): "authenticating(\(step))"
        case .ready: "ready"
        case .inTransaction(let transaction): "inTransaction(\(transaction.step))"
        case .resetting: "resetting"
        case .quitting: "quitting"
        case .closed: "closed"
        }
    }
}
