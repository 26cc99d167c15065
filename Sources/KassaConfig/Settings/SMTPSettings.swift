import Foundation

/// `[smtp]` and `[users.NAME.smtp]`: how mail leaves the shop.
///
/// Without a `host`, mail goes to the outbox folder instead of a server.
public struct SMTPSettings: Sendable, Hashable {
    /// How the connection is protected (`tls`).
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain text; only for a server on the same machine.
        case none
        /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
        case starttls
        /// TLS from the first byte (port 465).
        case tls

        /// The port a server usually listens on in this mode.
        public var defaultPort: Int {
            switch self {
            case .none: return 25
            case .starttls: return 587
            case .tls: return 465
            }
        }
    }

    /// The server's host name or address; `nil` sends mail to the outbox folder.
    public var host: String?
    /// The server's port as configured; `nil` means the usual port of `tls`.
    public var port: Int?
    /// How the connection is protected. Default `.starttls`.
    public var tls: TLSMode
    /// The login, if the server wants one.
    public var username: String?
    /// The name of the environment variable that holds the password (`password_env`).
    public var passwordEnvironmentVariable: String?
    /// The sender, `Name <address>` or a bare address.
    public var from: String?
    /// The DKIM selector (`dkim_selector`); the three DKIM settings come together.
    public var dkimSelector: String?
    /// The DKIM signing domain (`dkim_domain`).
    public var dkimDomain: String?
    /// The PEM file of the DKIM private key, as an absolute path once loaded (`dkim_key`).
    public var dkimKeyPath: String?
    /// A PEM file of CA certificates trusted besides the system's (`ca_file`), for a server
    /// with a certificate from a private CA; an absolute path once loaded.
    public var caFilePath: String?
    /// The https URL in the List-Unsubscribe header of marketing mail (`unsubscribe_url`);
    /// `{customer}` and `{mailing}` in it become the customer number and the mailing's id.
    /// An https URL also offers one-click unsubscribe (RFC 8058).
    public var unsubscribeURL: String?
    /// The address in the List-Unsubscribe header of marketing mail (`unsubscribe_mailto`),
    /// with the same `{customer}` and `{mailing}` substitutions.
    public var unsubscribeMailto: String?

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(
        host: String? = nil,
        port: Int? = nil,
        tls: TLSMode = .starttls,
        username: String? = nil,
        passwordEnvironmentVariable: String? = nil,
        from: String? = nil,
        dkimSelector: String? = nil,
        dkimDomain: String? = nil,
        dkimKeyPath: String? = nil,
        caFilePath: String? = nil,
        unsubscribeURL: String? = nil,
        unsubscribeMailto: String? = nil
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.username = username
        self.passwordEnvironmentVariable = passwordEnvironmentVariable
        self.from = from
        self.dkimSelector = dkimSelector
        self.dkimDomain = dkimDomain
        self.dkimKeyPath = dkimKeyPath
        self.caFilePath = caFilePath
        self.unsubscribeURL = unsubscribeURL
        self.unsubscribeMailto = unsubscribeMailto
    }

    /// Whether a server is configured; without one, mail goes to the outbox folder.
    public var isConfigured: Bool { host != nil }

    /// The port to connect to: the configured one, or the usual one of `tls`.
    public var effectivePort: Int { port ?? tls.defaultPort }

    /// Whether mail is DKIM-signed: selector, domain and key are all set.
    public var signsWithDKIM: Bool { dkimSelector != nil && dkimDomain != nil && dkimKeyPath != nil }

    /// The password, read from the environment variable that `password_env` names.
    /// - Returns: `nil` when no `password_env` is configured.
    /// - Throws: `KassaConfigurationError` (`.missingEnvironmentVariable`) when the
    ///   variable is not set.
    public func resolvedPassword(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KassaConfigurationError) -> String? {
        try KassaConfiguration.password(named: passwordEnvironmentVariable, in: environment)
    }
}
