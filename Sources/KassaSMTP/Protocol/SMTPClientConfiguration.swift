/// What the SMTP state machine needs to know about the server and the client.
public struct SMTPClientConfiguration: Sendable, Hashable {
    /// How the connection is secured. The default, `.startTLS`, refuses to send anything in
    /// clear text when the server does not offer STARTTLS.
    public var tls: SMTPTLSMode
    /// The account to authenticate as, or `nil` to send without AUTH.
    public var credentials: SMTPCredentials?
    /// The client's name in EHLO/HELO: its fully qualified domain name, or an address literal
    /// such as `[192.0.2.1]` (RFC 5321 §4.1.4).
    public var ehloName: String
    /// How long each step may take.
    public var timeouts: SMTPTimeouts

    /// A configuration; by default STARTTLS is required and no AUTH is done.
    public init(
        tls: SMTPTLSMode = .startTLS,
        credentials: SMTPCredentials? = nil,
        ehloName: String = "localhost",
        timeouts: SMTPTimeouts = SMTPTimeouts()
    ) {
        self.tls = tls
        self.credentials = credentials
        self.ehloName = ehloName
        self.timeouts = timeouts
    }

    /// The first reason this configuration cannot be used, or `nil`.
    ///
    /// Checked when the connection opens, because a name or password with a line break would
    /// put a command of its own on the wire.
    func problem() -> SMTPError? {
        let name = ehloName
        let nameIsClean = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
        if !nameIsClean {
            return SMTPError(
                .invalidConfiguration,
                "The EHLO name \(SMTPError.quoted(name)) cannot be sent: it must be a domain name or an address literal such as \"[192.0.2.1]\", in ASCII without spaces."
            )
        }
        if let credentials {
            if credentials.username.isEmpty {
                return SMTPError(.invalidConfiguration, "The SMTP username is empty; set [smtp] username or remove the credentials.")
            }
            // PLAIN separates the fields with NUL (RFC 4616 §2), so neither may contain one.
            if credentials.username.utf8.contains(0) || credentials.password.utf8.contains(0) {
                return SMTPError(.invalidConfiguration, "The SMTP username or password contains a NUL character, which SMTP AUTH cannot carry.")
            }
        }
        return nil
    }
}
