/// Why an SMTP session can carry no more messages, as the state machine decided.
enum SMTPSessionEnd: Error, Sendable, Hashable {
    /// Transient (a 421, a timeout, a lost connection): a new connection may work.
    case reconnect(SMTPError)
    /// Permanent (STARTTLS not offered, credentials refused): a new connection with the same
    /// configuration would fail the same way.
    case fail(SMTPError)

    var error: SMTPError {
        switch self {
        case .reconnect(let error), .fail(let error): error
        }
    }

    var isPermanent: Bool {
        if case .fail = self { return true }
        return false
    }

    /// The failure of a message that never started because the session ended.
    var messageFailure: SMTPDeliveryFailure {
        SMTPDeliveryFailure(kind: isPermanent ? .permanent : .temporary, error: error)
    }

    /// The failure of a message that never started because no session could be opened.
    var sessionFailure: SMTPDeliveryFailure {
        SMTPDeliveryFailure(kind: isPermanent ? .permanent : .temporary, error: error, isSessionFailure: true)
    }
}

/// A message's outcome and, when the session ended with it, why.
struct SMTPMessageResult: Sendable {
    var outcome: SMTPMessageOutcome
    var sessionEnd: SMTPSessionEnd?
}

/// How far a message got when `SMTPClientHandler.begin` answers.
enum SMTPMessageStep: Sendable {
    /// The server is ready for the data (354): the caller commits, then writes it.
    case awaitingCommit
    /// The message is settled without its data having been written.
    case finished(SMTPMessageResult)
}
