import KassaCore

/// Why an `SMTPTransport` or `SMTPClient` could not be set up from its settings.
///
/// `code` is stable for programs; `message` is a sentence for people that names the setting
/// and the server. Codes may be added; switch over them with a `default`.
public struct SMTPTransportError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure.
    public typealias Code = ErrorCode<SMTPTransportError>

    /// What kind of failure this is.
    public let code: Code
    /// A sentence that names the setting and the server.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorCode where Domain == SMTPTransportError {
    /// No server is configured (`[smtp] host` is missing).
    public static var notConfigured: Self { Self("not_configured") }
    /// `[smtp] from` is missing or is not an address.
    public static var invalidSender: Self { Self("invalid_sender") }
    /// A username is configured but its password is not available: `password_env` is
    /// missing, or the environment variable it names is not set.
    public static var missingPassword: Self { Self("missing_password") }
    /// The TLS configuration cannot be used (a CA file that is missing or not PEM).
    public static var invalidTLSConfiguration: Self { Self("invalid_tls_configuration") }
    /// The DKIM key, selector or domain cannot be used.
    public static var invalidDKIM: Self { Self("invalid_dkim") }
}
