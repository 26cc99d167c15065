import Foundation
import KassaCore
import KassaHTTP
import Logging

/// Makes the SMS transport that `[sms]` configures.
///
/// ```swift
/// let transport = try SMSTransportFactory.make(settings: settings,
///                                              outboxDirectory: configuration.outbox.directory,
///                                              logger: logger)
/// ```
public enum SMSTransportFactory {
    /// The transport for `settings`: a `FileSMSTransport` into `outboxDirectory` (`file`), a
    /// `KannelSMSTransport` (`kannel`) or an `HTTPSMSTransport` posting a form (`http`).
    ///
    /// Plain `http://` with a password: refused for `http` unless the host is this machine
    /// (46elks and Twilio speak https only, and a password in clear text crosses the
    /// internet); for `kannel` a warning, since a gateway usually sits on the shop's own
    /// network and speaks plain HTTP.
    ///
    /// - Parameter environment: where `password_env` is looked up.
    /// - Throws: `SMSTransportError`: `.missingURL`, `.invalidURL`, `.insecureURL`,
    ///   `.invalidCAFile`, `.missingUsername`, `.missingPassword` (no `password_env`, or the variable it names
    ///   is not set), `.outboxUnavailable`.
    public static func make(
        settings: Settings,
        outboxDirectory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) throws(SMSTransportError) -> any MessageTransport {
        switch settings.provider {
        case .file:
            return try FileSMSTransport(directory: outboxDirectory, sender: settings.sender, logger: logger)
        case .kannel:
            let url = try requireURL(settings, example: "http://127.0.0.1:13013/cgi-bin/sendsms")
            guard let username = settings.username, !username.isEmpty else {
                throw SMSTransportError(.missingUsername, "[sms] provider \"kannel\" needs a username (the sendsms-user of the gateway)")
            }
            guard let password = try password(settings, environment: environment) else {
                throw SMSTransportError(.missingPassword, "[sms] provider \"kannel\" needs password_env, the name of the environment variable that holds the sendsms password")
            }
            if let endpoint = try? HTTPEndpoint(url: url), !endpoint.usesTLS, !endpoint.isLoopback {
                // Kannel's sendsms interface is plain HTTP unless the gateway was built with
                // SSL, and a gateway on the shop's own network is the usual setup: warn only.
                logger.warning("[sms] url sends the Kannel password in clear text to \(endpoint); use https:// unless the gateway is on a network you trust",
                               metadata: ["url": "\(url)"])
            }
            return try KannelSMSTransport(
                configuration: .init(url: url, username: username, password: password, sender: settings.sender,
                                     http: settings.http), logger: logger)
        case .http:
            let url = try requireURL(settings, example: "https://api.46elks.com/a1/sms")
            let password = try password(settings, environment: environment)
            if password != nil, settings.username?.isEmpty ?? true {
                throw SMSTransportError(.missingUsername, "[sms] provider \"http\" has password_env but no username for basic authentication")
            }
            if let username = settings.username, !username.isEmpty, password == nil {
                throw SMSTransportError(.missingPassword, "[sms] provider \"http\" has the username \"\(username)\" but no password_env naming the variable that holds its password")
            }
            if password != nil, let endpoint = try? HTTPEndpoint(url: url), !endpoint.usesTLS, !endpoint.isLoopback {
                throw SMSTransportError(.insecureURL, "[sms] url \"\(url)\" would send the password of \"\(settings.username ?? "")\" in clear text to \(endpoint); use the provider's https:// address")
            }
            return try HTTPSMSTransport(
                configuration: .init(url: url, username: settings.username, password: password, sender: settings.sender,
                                     http: settings.http), logger: logger)
        }
    }

    private static func requireURL(_ settings: Settings, example: String) throws(SMSTransportError) -> String {
        guard let url = settings.url, !url.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SMSTransportError(.missingURL, "[sms] provider \"\(settings.provider.rawValue)\" needs a url, like \"\(example)\"")
        }
        return url
    }

    private static func password(_ settings: Settings, environment: [String: String]) throws(SMSTransportError) -> String? {
        guard let variable = settings.passwordEnvironmentVariable else { return nil }
        guard let password = environment[variable] else {
            throw SMSTransportError(.missingPassword, "[sms] provider \"\(settings.provider.rawValue)\": the environment variable \(variable), named by password_env, is not set")
        }
        return password
    }
}
