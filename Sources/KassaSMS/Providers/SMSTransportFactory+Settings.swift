import KassaHTTP

extension SMSTransportFactory {
    /// What the factory needs to make a transport; the command line fills it from `[sms]`
    /// of `kassa.toml`.
    public struct Settings: Sendable, Hashable {
        /// Where messages go.
        public enum Provider: String, Sendable, Hashable, CaseIterable {
            /// Written to the outbox folder; nothing is sent.
            case file
            /// Kannel's `sendsms` HTTP interface at `url`.
            case kannel
            /// An HTTP provider of the 46elks/Twilio kind at `url`.
            case http
        }

        /// Where messages go.
        public var provider: Provider
        /// The provider's address; required for `kannel` and `http`.
        public var url: String?
        /// The login at the provider.
        public var username: String?
        /// The name of the environment variable that holds the password.
        public var passwordEnvironmentVariable: String?
        /// The sender shown on phones.
        public var sender: String?
        /// Timeouts and trusted CAs of the client for `kannel` and `http`.
        public var http: HTTPClient.Configuration

        /// Settings from their parts; by default messages go to the outbox folder.
        public init(
            provider: Provider = .file,
            url: String? = nil,
            username: String? = nil,
            passwordEnvironmentVariable: String? = nil,
            sender: String? = nil,
            http: HTTPClient.Configuration = HTTPClient.Configuration()
        ) {
            self.provider = provider
            self.url = url
            self.username = username
            self.passwordEnvironmentVariable = passwordEnvironmentVariable
            self.sender = sender
            self.http = http
        }
    }
}
