extension SMTPTransport {
    /// What the transport needs to know about the server and the sender; the command line
    /// fills it from `[smtp]` (or `[users.NAME.smtp]`) of `kassa.toml`.
    public struct Settings: Sendable, Hashable {
        /// The server's host name or address; `nil` means no server is configured.
        public var host: String?
        /// The server's port.
        public var port: Int
        /// How the connection is protected.
        public var tls: SMTPTLSMode
        /// The login, if the server wants one.
        public var username: String?
        /// The name of the environment variable that holds the password.
        public var passwordEnvironmentVariable: String?
        /// The sender, `Name <address>` or a bare address.
        public var from: String?
        /// How mail is DKIM-signed; `nil` signs nothing.
        public var dkim: DKIM?
        /// A PEM file of CA certificates trusted besides the system's.
        public var caFilePath: String?
        /// The https URL of the List-Unsubscribe header of marketing mail.
        public var unsubscribeURL: String?
        /// The address of the List-Unsubscribe header of marketing mail.
        public var unsubscribeMailto: String?

        /// Settings from their parts.
        public init(
            host: String?,
            port: Int,
            tls: SMTPTLSMode,
            username: String? = nil,
            passwordEnvironmentVariable: String? = nil,
            from: String?,
            dkim: DKIM? = nil,
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
            self.caFilePath = caFilePath
            self.unsubscribeURL = unsubscribeURL
            self.unsubscribeMailto = unsubscribeMailto
            self.dkim = dkim
        }
    }

    /// The DKIM signing key of `Settings`.
    public struct DKIM: Sendable, Hashable {
        /// The selector, the DNS label under `_domainkey` that publishes the public key.
        public var selector: String
        /// The signing domain.
        public var domain: String
        /// The PEM file of the private key.
        public var keyPath: String

        /// A DKIM key from its parts.
        public init(selector: String, domain: String, keyPath: String) {
            self.selector = selector
            self.domain = domain
            self.keyPath = keyPath
        }
    }
}
