// Errors from the state machine speak of "the SMTP server"; the client knows which one.
extension SMTPError {
    /// The same error with `server` named: after "SMTP server" where the message says it,
    /// else at the end.
    func naming(_ server: SMTPServer) -> SMTPError {
        let name = server.description
        if message.contains(name) {
            return self
        }
        if let range = message.range(of: "SMTP server") {
            var text = message
            text.replaceSubrange(range, with: "SMTP server \(name)")
            return SMTPError(code, text, reply: reply)
        }
        let trimmed = message.hasSuffix(".") ? String(message.dropLast()) : message
        return SMTPError(code, "\(trimmed) (SMTP server \(name)).", reply: reply)
    }
}

extension SMTPMessageOutcome {
    /// The outcome with `server` named in its error.
    func naming(_ server: SMTPServer) -> SMTPMessageOutcome {
        switch self {
        case .accepted:
            return self
        case .failed(let failure):
            return .failed(failure.naming(server))
        case .unknown(let error):
            return .unknown(error.naming(server))
        }
    }
}

extension SMTPDeliveryFailure {
    /// The failure with `server` named in its error.
    func naming(_ server: SMTPServer) -> SMTPDeliveryFailure {
        SMTPDeliveryFailure(kind: kind, error: error.naming(server), recipients: recipients, isSessionFailure: isSessionFailure)
    }
}
