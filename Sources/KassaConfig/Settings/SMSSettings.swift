import Foundation

/// `[sms]`: how text messages leave the shop.
public struct SMSSettings: Sendable, Hashable {
    /// Where messages go (`provider`).
    public enum Provider: String, Sendable, Hashable, CaseIterable {
        /// Written to the outbox folder; nothing is sent.
        case file
        /// Kannel's `sendsms` HTTP interface at `url`.
        case kannel
        /// An HTTP provider of the 46elks/Twilio kind at `url` (`https://`).
        case http
    }

    /// Where messages go. Default `.file`.
    public var provider: Provider
    /// The provider's address; required for `kannel` and `http`. `https://` for a provider
    /// on the internet: with a login, plain `http://` is accepted only to this machine.
    public var url: String?
    /// The login at the provider.
    public var username: String?
    /// The name of the environment variable that holds the password (`password_env`).
    public var passwordEnvironmentVariable: String?
    /// The sender shown on phones: a number, or at most 11 letters and digits.
    public var sender: String?
    /// What one SMS segment costs, in the shop's currency, for cost previews. Default 0.
    public var pricePerSegment: Double
    /// `ca_file`, `connect_timeout` and `timeout` for the `kannel` and `http` providers.
    public var connection: HTTPConnectionSettings

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(
        provider: Provider = .file,
        url: String? = nil,
        username: String? = nil,
        passwordEnvironmentVariable: String? = nil,
        sender: String? = nil,
        pricePerSegment: Double = 0,
        connection: HTTPConnectionSettings = HTTPConnectionSettings()
    ) {
        self.provider = provider
        self.url = url
        self.username = username
        self.passwordEnvironmentVariable = passwordEnvironmentVariable
        self.sender = sender
        self.pricePerSegment = pricePerSegment
        self.connection = connection
    }

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
