import KassaCore

/// Why an SMS transport cannot be set up from the settings.
///
/// `code` is stable for programs; `message` is a sentence for people that names the
/// provider and the missing or bad value. Codes may be added; switch over them with a
/// `default`. (A message that cannot be sent is not an error: transports answer with a
/// `DeliveryOutcome`.)
public struct SMSTransportError: CodedError, Sendable, Hashable {
    /// The kind of problem, stable across releases so callers can match on it.
    public typealias Code = ErrorCode<SMSTransportError>

    /// What kind of problem it is.
    public let code: Code
    /// A sentence naming the provider and the value.
    public let message: String

    /// An error from its parts; the message gets a closing period when it lacks one.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message.hasSuffix(".") ? message : message + "."
    }
}

extension ErrorCode where Domain == SMSTransportError {
    /// `[sms] url` is needed (Kannel, HTTP) and missing.
    public static var missingURL: Self { Self("missing url") }
    /// `[sms] url` is not an `http://` or `https://` URL.
    public static var invalidURL: Self { Self("invalid url") }
    /// `[sms] url` would send the password in clear text: `http://` to another machine
    /// with a login (provider `http`); the provider's `https://` address is needed.
    public static var insecureURL: Self { Self("insecure url") }
    /// `[sms] ca_file` cannot be read as PEM certificates.
    public static var invalidCAFile: Self { Self("invalid ca file") }
    /// `[sms] username` is needed (Kannel; HTTP with a password) and missing.
    public static var missingUsername: Self { Self("missing username") }
    /// `[sms] password_env` is missing, or names an environment variable that is not set.
    public static var missingPassword: Self { Self("missing password") }
    /// The outbox folder cannot be created or written.
    public static var outboxUnavailable: Self { Self("outbox unavailable") }
}
