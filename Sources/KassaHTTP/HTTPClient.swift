import AsyncHTTPClient
import Foundation
import KassaNIO
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTP/1.1 client for one provider's server, over AsyncHTTPClient: `http://` or
/// `https://` (TLS through swift-nio-ssl, trusting the system's CAs and `caFile`), with
/// keep-alive, timeouts, a cap on the response body, and no redirects.
///
/// ```swift
/// let client = try HTTPClient(url: "https://api.46elks.com/a1/sms", logger: logger)
/// let response = try await client.send(.post(client.endpoint.target, contentType: "application/json", body: body))
/// ```
///
/// The client keeps its connections in one AsyncHTTPClient pool on one loop of the
/// process's event-loop group (`eventLoop`), so that requests in a row share a kept-alive
/// connection, and a caller that runs there (`EventLoopTaskExecutor`) resumes without a
/// thread hop. `close()` lets them go; the next request opens a new one. It carries one
/// request at a time per caller and never pipelines.
///
/// **Resending.** The client never sends a request twice on its own, and it does not
/// retry a connection that cannot be opened. A failure whose `requestMayHaveBeenSent` is
/// false left the server untouched (the request was never written whole).
///
/// **Redirects** are not followed: a 3xx answer is the error `.redirected`, naming the
/// status and where it pointed.
public final class HTTPClient: Sendable {
    /// The server this client talks to.
    public let endpoint: HTTPEndpoint
    /// Its timeouts, limits and trust.
    public let configuration: Configuration

    /// The loop this client's connections run on, and its exchanges complete on.
    public let eventLoop: any EventLoop
    /// Runs a task on `eventLoop`: a caller that sends one request after another resumes
    /// there without a thread hop (`withTaskExecutorPreference`).
    public let taskExecutor: any TaskExecutor

    private let pool: NIOLockedValueBox<AsyncHTTPClient.HTTPClient?>
    private let opened: NIOLockedValueBox<Int>
    private let tls: TLSConfiguration?
    private let logger: Logger

    /// A client for the server of `url` (`http://` or `https://`); no connection is opened yet.
    ///
    /// - Throws: `HTTPClientError` `.invalidURL`, or `.invalidCAFile` when
    ///   `configuration.caFile` cannot be read as PEM certificates.
    public convenience init(url: String, configuration: Configuration = Configuration(),
                            eventLoopGroup: any EventLoopGroup = ProcessEventLoops.group, logger: Logger) throws(HTTPClientError) {
        try self.init(endpoint: try HTTPEndpoint(url: url), configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
    }

    /// A client for `endpoint` on one loop of `eventLoopGroup`; no connection is opened yet.
    ///
    /// - Throws: `HTTPClientError` `.invalidCAFile` when `configuration.caFile` cannot be
    ///   read as PEM certificates.
    public init(endpoint: HTTPEndpoint, configuration: Configuration = Configuration(),
                eventLoopGroup: any EventLoopGroup = ProcessEventLoops.group, logger: Logger) throws(HTTPClientError) {
        self.endpoint = endpoint
        self.eventLoop = eventLoopGroup.next()
        self.taskExecutor = EventLoopTaskExecutor(eventLoop)
        self.configuration = configuration
        self.logger = logger
        self.pool = NIOLockedValueBox(nil)
        self.opened = NIOLockedValueBox(0)
        self.tls = try Self.tlsConfiguration(caFile: configuration.caFile)
    }

    deinit {
        close()
    }

    /// How many connections this client has opened so far (one while keep-alive holds).
    public var connectionsOpened: Int { opened.withLockedValue { $0 } }

    /// Sends `request` and waits for the whole response. Any status but a redirect is a
    /// response; only a failure to get one throws. Cancelling the calling task does not
    /// abandon a request in flight: whether the server acted on it would be unknown.
    ///
    /// - Throws: `HTTPClientError`: `.connectFailed` or `.tlsFailed` (nothing was sent),
    ///   `.timedOut`, `.connectionClosed`, `.invalidResponse`, `.responseTooLarge`,
    ///   `.redirected`.
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let (future, collector) = start(request)
        do {
            return try await future.get()
        } catch {
            throw translate(error, sent: collector.requestWasSent)
        }
    }

    /// `send(_:)` for a caller that is still synchronous by contract (a `CardOrderProvider`,
    /// which a Lua script's `kassa.cards.order` reaches from inside a synchronous Lua call):
    /// blocks the calling thread, never an event loop (NIO traps a wait there), until the
    /// response has arrived whole, failed, or timed out.
    public func sendAndWait(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
        let (future, collector) = start(request)
        do {
            return try future.wait()
        } catch {
            throw translate(error, sent: collector.requestWasSent)
        }
    }

    /// Lets the kept-alive connections go; the next request opens a new one. Does not wait
    /// for them to close.
    public func close() {
        guard let client = pool.withLockedValue({ pool -> AsyncHTTPClient.HTTPClient? in
            defer { pool = nil }
            return pool
        }) else { return }
        let logger = logger
        client.shutdown { error in
            if let error { logger.debug("The HTTP connection pool did not shut down cleanly", metadata: ["error": "\(error)"]) }
        }
    }

    // MARK: - The exchange

    private func start(_ request: HTTPRequest) -> (EventLoopFuture<HTTPResponse>, ResponseCollector) {
        let collector = ResponseCollector(server: endpoint, maximumBodySize: configuration.maximumBodySize)
        let client = client()
        let prepared: AsyncHTTPClient.HTTPClient.Request
        do {
            var headers = HTTPHeaders()
            headers.reserveCapacity(request.headers.count + 2)
            headers.add(name: "User-Agent", value: configuration.userAgent)
            for header in request.headers { headers.add(name: header.name, value: header.value) }
            if request.body.isEmpty && request.method != .get {
                headers.replaceOrAdd(name: "Content-Length", value: "0")
            }
            prepared = try AsyncHTTPClient.HTTPClient.Request(
                url: endpoint.url(of: request.target), method: HTTPMethod(rawValue: request.method.rawValue),
                headers: headers, body: request.body.isEmpty ? nil : .bytes(request.body))
        } catch {
            let failure = HTTPClientError(.invalidURL, "The request target \(HTTPEndpoint.quoted(request.target)) cannot be sent to the HTTP server \(endpoint): \(error)")
            return (client.eventLoopGroup.any().makeFailedFuture(failure), collector)
        }
        let deadline = NIODeadline.now() + Self.amount(configuration.connectTimeout + configuration.responseTimeout)
        let task = client.execute(request: prepared, delegate: collector, deadline: deadline, logger: logger)
        return (task.futureResult, collector)
    }

    /// The pool, made on first use and again after `close()`.
    private func client() -> AsyncHTTPClient.HTTPClient {
        pool.withLockedValue { pool in
            if let pool { return pool }
            var settings = AsyncHTTPClient.HTTPClient.Configuration(
                tlsConfiguration: tls, redirectConfiguration: .disallow,
                timeout: .init(connect: Self.amount(configuration.connectTimeout), read: Self.amount(configuration.responseTimeout)),
                decompression: .disabled)
            settings.httpVersion = .http1Only
            // A connection that cannot be opened fails the request at once with its own
            // reason; retrying until the connect timeout would only hide it.
            settings.connectionPool.retryConnectionEstablishment = false
            settings.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 1
            let opened = opened
            let logger = logger
            let server = endpoint.description
            settings.http1_1ConnectionDebugInitializer = { channel in
                let count = opened.withLockedValue { count in
                    count += 1
                    return count
                }
                logger.debug("Connected to the HTTP server", metadata: ["server": "\(server)", "connections": "\(count)"])
                return channel.eventLoop.makeSucceededVoidFuture()
            }
            // The pool gets one loop as its group: a request and its connection then never sit
            // on different loops, which would cost two thread wake-ups per exchange.
            let made = AsyncHTTPClient.HTTPClient(eventLoopGroup: eventLoop, configuration: settings,
                                                  backgroundActivityLogger: logger)
            pool = made
            return made
        }
    }

    /// The error for what AsyncHTTPClient or NIO reported, named after the server.
    private func translate(_ error: any Error, sent: Bool) -> HTTPClientError {
        if let error = error as? HTTPClientError { return error }
        let server = endpoint.description
        if let error = error as? AsyncHTTPClient.HTTPClientError {
            switch error {
            case .readTimeout, .deadlineExceeded:
                if sent {
                    return HTTPClientError(.timedOut, "The HTTP server \(server) did not answer within \(Self.seconds(configuration.responseTimeout))")
                }
                return HTTPClientError(.connectFailed, "No connection could be opened to the HTTP server \(server) within \(Self.seconds(configuration.connectTimeout))")
            case .connectTimeout, .tlsHandshakeTimeout:
                return HTTPClientError(.connectFailed, "No connection could be opened to the HTTP server \(server) within \(Self.seconds(configuration.connectTimeout))",
                                       requestMayHaveBeenSent: sent)
            case .invalidURL, .emptyHost, .emptyScheme:
                return HTTPClientError(.invalidURL, "The address of the HTTP server \(server) cannot be used: \(error)")
            default:
                break
            }
        }
        if !sent {
            if Self.isTLSFailure(error) {
                let hint = endpoint.usesTLS
                    ? "; when a private CA signed its certificate, give that CA's certificate with ca_file"
                    : ""
                return HTTPClientError(.tlsFailed, "The TLS handshake with the HTTP server \(server) failed (\(Self.reason(of: error)))\(hint)")
            }
            return HTTPClientError(.connectFailed, "No connection could be opened to the HTTP server \(server): \(Self.reason(of: error))")
        }
        if error is HTTPParserError {
            return HTTPClientError(.invalidResponse, "The HTTP server \(server) sent an answer that is not HTTP/1.1 (\(error))")
        }
        return HTTPClientError(.connectionClosed, "The connection to the HTTP server \(server) broke before its answer was complete (\(Self.reason(of: error)))")
    }

    private static func isTLSFailure(_ error: any Error) -> Bool {
        error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError
    }

    private static func reason(of error: any Error) -> String {
        if let error = error as? NIOSSLError, case .handshakeFailed(let detail) = error {
            if "\(detail)".contains("CERTIFICATE_VERIFY_FAILED") {
                return "its certificate is not signed by a trusted CA: CERTIFICATE_VERIFY_FAILED"
            }
            return "\(detail)"
        }
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return "\(first.error)"
        }
        if let error = error as? AsyncHTTPClient.HTTPClientError, error == .remoteConnectionClosed {
            return "the server closed the connection"
        }
        return "\(error)"
    }

    private static func tlsConfiguration(caFile: String?) throws(HTTPClientError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        guard let caFile, !caFile.isEmpty else { return tls }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            let problem = FileManager.default.isReadableFile(atPath: caFile) ? "it holds no PEM certificate (\(error))" : "it cannot be read"
            throw HTTPClientError(.invalidCAFile, "The CA file \(HTTPEndpoint.quoted(caFile)) cannot be used: \(problem)")
        }
        guard !certificates.isEmpty else {
            throw HTTPClientError(.invalidCAFile, "The CA file \(HTTPEndpoint.quoted(caFile)) holds no PEM certificate")
        }
        tls.additionalTrustRoots = [.certificates(certificates)]
        return tls
    }

    private static func amount(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64(max(0, seconds) * 1e9))
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) seconds" : "\(value) seconds"
    }
}
