/// A SASL mechanism the client can authenticate with (RFC 4954).
///
/// Both send the password itself, so the state machine uses them only over TLS unless TLS
/// is configured off.
public enum SMTPAuthMechanism: String, Sendable, Hashable, CaseIterable {
    /// RFC 4616: one line, base64 of `\0username\0password`, sent with the command.
    case plain = "PLAIN"
    /// The older two-step exchange: the server prompts (334) for the username, then the
    /// password, each answered in base64.
    case login = "LOGIN"
}
