/// How long the client waits for each step before it gives up on the connection.
///
/// The defaults are the minimums of RFC 5321 §4.5.3.2: a server may legitimately take this
/// long (the reply to the final `.` in particular, when the server scans the message before
/// answering), and a client that gives up sooner risks sending a message twice.
public struct SMTPTimeouts: Sendable, Hashable {
    /// The 220 greeting after the connection opens.
    public var greeting: Duration
    /// The reply to EHLO, HELO, STARTTLS, AUTH, MAIL, RCPT, RSET and QUIT.
    public var command: Duration
    /// The STARTTLS handshake, from `.startTLS` to `tlsEstablished()`.
    public var tlsHandshake: Duration
    /// The 354 reply to DATA.
    public var dataInitiation: Duration
    /// The reply to the final `.` of the message.
    public var dataTermination: Duration

    /// Timeouts; every default is the RFC 5321 minimum (one minute for the TLS handshake,
    /// which RFC 5321 does not cover).
    public init(
        greeting: Duration = .seconds(300),
        command: Duration = .seconds(300),
        tlsHandshake: Duration = .seconds(60),
        dataInitiation: Duration = .seconds(120),
        dataTermination: Duration = .seconds(600)
    ) {
        self.greeting = greeting
        self.command = command
        self.tlsHandshake = tlsHandshake
        self.dataInitiation = dataInitiation
        self.dataTermination = dataTermination
    }
}
