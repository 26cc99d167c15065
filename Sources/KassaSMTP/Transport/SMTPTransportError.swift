/// Why an `SMTPTransport` or `SMTPClient` could not be set up from its settings.
///
/// `code` is stable for programs; `message` is a sentence for people that names the setting
/// and the server. Codes may be added; switch over them with a `default`.
public struct SMTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The stable identifier, e.g. `"missing_password"`.
        public var rawValue: String
        /// A code from its identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The identifier.
        public var description: String { rawValue }

        /// No server is configured (`[smtp] host` is missing).
        public static let notConfigured = Code(rawValue: "not_configured")
        /// `[smtp] from` is missing or is not an address.
        public static let invalidSender = Code(rawValue: "invalid_sender")
        /// A username is configured but its password is not available: `password_env` is
        /// missing, or the environment variable it names is not set.
        public static let missingPassword = Code(rawValue: "missing_password")
        /// The TLS configuration cannot be used (a CA file that is missing or not PEM).
        public static let invalidTLSConfiguration = Code(rawValue: "invalid_tls_configuration")
        /// The DKIM key, selector or domain cannot be used.
        public static let invalidDKIM = Code(rawValue: "invalid_dkim")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence that names the setting and the server.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
