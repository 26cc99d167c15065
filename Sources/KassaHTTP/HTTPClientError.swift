/// Why an HTTP exchange did not produce a response.
///
/// `code` is stable for programs; `message` is a sentence for people that names the server
/// (`127.0.0.1:13013`) or the bad address, quoted. Codes may be added; switch over them
/// with a `default`.
public struct HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, stable across releases so callers can match on it.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidURL = "invalid url"
            case invalidCAFile = "invalid ca file"
            case connectFailed = "connect failed"
            case tlsFailed = "tls failed"
            case timedOut = "timed out"
            case connectionClosed = "connection closed"
            case invalidResponse = "invalid response"
            case responseTooLarge = "response too large"
            case redirected = "redirected"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The address is not an `http://` or `https://` URL with a host.
        public static let invalidURL = Code(.invalidURL)
        /// The CA file to trust (`ca_file`) cannot be read as PEM certificates.
        public static let invalidCAFile = Code(.invalidCAFile)
        /// No connection could be opened (refused, unreachable, or the connect timeout).
        /// Nothing of the request reached the server.
        public static let connectFailed = Code(.connectFailed)
        /// The TLS handshake failed (a certificate not trusted, not for this host, or no TLS
        /// at the other end). Nothing of the request reached the server.
        public static let tlsFailed = Code(.tlsFailed)
        /// The request was written but the whole response did not arrive in time.
        public static let timedOut = Code(.timedOut)
        /// The connection broke before the whole response arrived.
        public static let connectionClosed = Code(.connectionClosed)
        /// The server answered something that is not HTTP/1.x.
        public static let invalidResponse = Code(.invalidResponse)
        /// The response body is larger than the client accepts.
        public static let responseTooLarge = Code(.responseTooLarge)
        /// The server answered with a redirect (3xx), which the client does not follow: a
        /// provider's address belongs in the settings, and a request that carries a password
        /// must not be sent on to wherever an answer points.
        public static let redirected = Code(.redirected)

        /// A short stable name of the code, such as `connect failed`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure it is.
    public let code: Code
    /// A sentence naming the server or the address.
    public let message: String
    /// Whether the server may have received the request, so that it may have acted on it.
    /// `false` only when the failure happened before the request was written whole.
    public let requestMayHaveBeenSent: Bool

    /// An error from its parts; the message gets a closing period when it lacks one.
    /// `requestMayHaveBeenSent` defaults to what the code implies: `false` for
    /// `.invalidURL`, `.invalidCAFile`, `.connectFailed` and `.tlsFailed`, else `true`.
    public init(_ code: Code, _ message: String, requestMayHaveBeenSent: Bool? = nil) {
        self.code = code
        self.message = message.hasSuffix(".") ? message : message + "."
        switch code {
        case .invalidURL, .invalidCAFile, .connectFailed, .tlsFailed:
            self.requestMayHaveBeenSent = requestMayHaveBeenSent ?? false
        default:
            self.requestMayHaveBeenSent = requestMayHaveBeenSent ?? true
        }
    }

    /// The message.
    public var description: String { message }
}
