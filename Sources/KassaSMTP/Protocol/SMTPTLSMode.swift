/// How the connection to the server is secured; the raw values are those of `[smtp] tls` in
/// `kassa.toml`.
public enum SMTPTLSMode: String, Sendable, Hashable, CaseIterable {
    /// Clear text throughout; credentials, if any, are sent unencrypted. Only for a server on
    /// the same machine or a test server.
    case none = "none"
    /// Connect in clear text, then require STARTTLS (port 587). If the server does not offer
    /// it, nothing is sent: no AUTH and no message goes out in clear text.
    case startTLS = "starttls"
    /// TLS from the first byte (port 465). The channel does the handshake before the
    /// greeting; the state machine treats the session as encrypted from the start.
    case implicit = "tls"
}
