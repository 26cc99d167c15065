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
            case tlsNotSupported = "tls not supported"
            case connectFailed = "connect failed"
            case timedOut = "timed out"
            case connectionClosed = "connection closed"
            case invalidResponse = "invalid response"
            case responseTooLarge = "response too large"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The address is not an `http://` URL with a host.
        public static let invalidURL = Code(.invalidURL)
        /// The address is `https://`: KassaHTTP does not speak TLS yet.
        public static let tlsNotSupported = Code(.tlsNotSupported)
        /// No connection could be opened (refused, unreachable, or the connect timeout).
        /// Nothing of the request reached the server.
        public static let connectFailed = Code(.connectFailed)
        /// The request was written but the whole response did not arrive in time.
        public static let timedOut = Code(.timedOut)
        /// The server closed the connection before the whole response arrived.
        public static let connectionClosed = Code(.connectionClosed)
        /// The server answered something that is not HTTP/1.x.
        public static let invalidResponse = Code(.invalidResponse)
        /// The response body is larger than the client accepts.
        public static let responseTooLarge = Code(.responseTooLarge)

        /// A short stable name of the code, such as `connect failed`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure it is.
    public let code: Code
    /// A sentence naming the server or the address.
    public let message: String

    /// An error from its parts; the message gets a closing period when it lacks one.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message.hasSuffix(".") ? message : message + "."
    }

    /// Whether the server may have received the request, so that it may have acted on it.
    /// `false` only when the failure happened before any byte of the request was written.
    public var requestMayHaveBeenSent: Bool {
        switch code {
        case .invalidURL, .tlsNotSupported, .connectFailed: false
        default: true
        }
    }

    /// The message.
    public var description: String { message }
}
