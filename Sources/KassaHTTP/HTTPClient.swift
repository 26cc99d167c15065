import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small synchronous HTTP/1.1 client for one server: it keeps one connection open between
/// requests (keep-alive) and opens a new one when the server has closed it.
///
/// ```swift
/// let client = try HTTPClient(url: "http://127.0.0.1:13013/cgi-bin/sendsms", logger: logger)
/// let response = try client.send(.get(client.endpoint.target(adding: [("to", "+46701234567")])))
/// ```
///
/// The client runs its own single-thread SwiftNIO event loop; `send` blocks the calling
/// thread until the response has arrived whole, failed, or timed out. Use it from one thread
/// at a time: it carries one request at a time and never pipelines. Plain `http://` only;
/// an `https://` address is refused (`HTTPClientError.Code.tlsNotSupported`).
///
/// **Resending.** The client never sends a request twice on its own. A caller that must
/// know whether the server may have seen a request (a message that must not go out twice)
/// calls `connect()` first, records its commit point, then `send`; a failure whose
/// `requestMayHaveBeenSent` is false left the server untouched.
public final class HTTPClient {
    /// The server this client talks to.
    public let endpoint: HTTPEndpoint
    /// Its timeouts and limits.
    public let configuration: Configuration
    /// How many connections this client has opened so far (one while keep-alive holds).
    public private(set) var connectionsOpened = 0

    private let group: MultiThreadedEventLoopGroup
    private var channel: Channel?
    private let logger: Logger

    /// A client for the server of `url` (an `http://` URL); no connection is opened yet.
    ///
    /// - Throws: `HTTPClientError` `.invalidURL` or `.tlsNotSupported`.
    public convenience init(url: String, configuration: Configuration = Configuration(), logger: Logger) throws(HTTPClientError) {
        self.init(endpoint: try HTTPEndpoint(url: url), configuration: configuration, logger: logger)
    }

    /// A client for `endpoint`; no connection is opened yet.
    public init(endpoint: HTTPEndpoint, configuration: Configuration = Configuration(), logger: Logger) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.logger = logger
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    deinit {
        close()
        try? group.syncShutdownGracefully()
    }

    /// Whether a connection is open right now (the server may still close it at any moment).
    public var isConnected: Bool { channel?.isActive ?? false }

    /// Opens a connection unless one is open already.
    ///
    /// - Throws: `HTTPClientError` `.connectFailed`; nothing reached the server.
    public func connect() throws(HTTPClientError) {
        _ = try openChannel()
    }

    /// Sends `request` and waits for the whole response, on the open connection or a new
    /// one. Any status is a response; only a failure to get one throws.
    ///
    /// - Throws: `HTTPClientError`: `.connectFailed` (nothing was sent), `.timedOut`,
    ///   `.connectionClosed`, `.invalidResponse`, `.responseTooLarge`. After any of these
    ///   but `.connectFailed` the connection is closed.
    public func send(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
        let channel = try openChannel()

        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count + 4)
        headers.add(name: "Host", value: endpoint.hostHeader)
        headers.add(name: "User-Agent", value: configuration.userAgent)
        for header in request.headers { headers.add(name: header.name, value: header.value) }
        var body: ByteBuffer?
        if !request.body.isEmpty || request.method != .get {
            headers.replaceOrAdd(name: "Content-Length", value: String(request.body.count))
            if !request.body.isEmpty { body = channel.allocator.buffer(bytes: request.body) }
        }
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method.rawValue),
                                   uri: request.target, headers: headers)

        let response = channel.eventLoop.makePromise(of: HTTPResponse.self)
        let exchange = HTTPExchange(head: head, body: body, response: response,
                                    timeout: .nanoseconds(Int64(configuration.responseTimeout * 1e9)),
                                    maximumBodySize: configuration.maximumBodySize, server: endpoint.description)
        let server = endpoint.description
        // A write that never reaches the handler (the connection closed in between) must
        // still end the wait.
        channel.writeAndFlush(exchange).whenFailure { error in
            response.fail(HTTPClientError(.connectionClosed, "The connection to the HTTP server \(server) closed before the request was written whole: \(error)"))
        }
        do {
            return try response.futureResult.wait()
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw HTTPClientError(.connectionClosed, "The exchange with the HTTP server \(server) failed: \(error)")
        }
    }

    /// Closes the connection, if one is open; the next request opens a new one.
    public func close() {
        guard let channel else { return }
        self.channel = nil
        try? channel.close().wait()
    }

    private func openChannel() throws(HTTPClientError) -> Channel {
        if let channel, channel.isActive { return channel }
        if channel != nil {
            logger.debug("The HTTP server closed the kept-alive connection; opening a new one", metadata: ["server": "\(endpoint)"])
            channel = nil
        }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(Int64(configuration.connectTimeout * 1e9)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(HTTPExchangeHandler())
                }
            }
        do {
            let opened = try bootstrap.connect(host: endpoint.host, port: endpoint.port).wait()
            channel = opened
            connectionsOpened += 1
            logger.debug("Connected to the HTTP server", metadata: ["server": "\(endpoint)", "connections": "\(connectionsOpened)"])
            return opened
        } catch {
            throw HTTPClientError(.connectFailed, "No connection could be opened to the HTTP server \(endpoint): \(Self.reason(of: error))")
        }
    }

    private static func reason(of error: any Error) -> String {
        if let error = error as? IOError { return error.description }
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return "no answer within \(Double(amount.nanoseconds) / 1e9) seconds"
        }
        return "\(error)"
    }
}
