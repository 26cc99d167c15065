/// Why an SMS transport cannot be set up from the settings.
///
/// `code` is stable for programs; `message` is a sentence for people that names the
/// provider and the missing or bad value. Codes may be added; switch over them with a
/// `default`. (A message that cannot be sent is not an error: transports answer with a
/// `DeliveryOutcome`.)
public struct SMSTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, stable across releases so callers can match on it.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case missingURL = "missing url"
            case invalidURL = "invalid url"
            case missingUsername = "missing username"
            case missingPassword = "missing password"
            case insecureURL = "insecure url"
            case invalidCAFile = "invalid ca file"
            case outboxUnavailable = "outbox unavailable"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `[sms] url` is needed (Kannel, HTTP) and missing.
        public static let missingURL = Code(.missingURL)
        /// `[sms] url` is not an `http://` or `https://` URL.
        public static let invalidURL = Code(.invalidURL)
        /// `[sms] url` would send the password in clear text: `http://` to another machine
        /// with a login (provider `http`); the provider's `https://` address is needed.
        public static let insecureURL = Code(.insecureURL)
        /// `[sms] ca_file` cannot be read as PEM certificates.
        public static let invalidCAFile = Code(.invalidCAFile)
        /// `[sms] username` is needed (Kannel; HTTP with a password) and missing.
        public static let missingUsername = Code(.missingUsername)
        /// `[sms] password_env` is missing, or names an environment variable that is not set.
        public static let missingPassword = Code(.missingPassword)
        /// The outbox folder cannot be created or written.
        public static let outboxUnavailable = Code(.outboxUnavailable)

        /// A short stable name of the code, such as `missing url`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem it is.
    public let code: Code
    /// A sentence naming the provider and the value.
    public let message: String

    /// An error from its parts; the message gets a closing period when it lacks one.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message.hasSuffix(".") ? message : message + "."
    }

    /// The message.
    public var description: String { message }
}
