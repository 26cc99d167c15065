import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One open SMTP session: a channel whose `SMTPClientHandler` has greeted the server, done
/// STARTTLS and AUTH as configured, and is ready for messages.
///
/// Every call hops onto the channel's event loop and answers with a future, so a connection
/// can be used from any thread.
final class SMTPConnection: Sendable {
    let server: SMTPServer
    let channel: any Channel
    private let handler: NIOLoopBound<SMTPClientHandler>

    private init(server: SMTPServer, channel: any Channel, handler: NIOLoopBound<SMTPClientHandler>) {
        self.server = server
        self.channel = channel
        self.handler = handler
    }

    /// Connects to `server` and sets the session up. The future fails with an
    /// `SMTPSessionEnd`: `.reconnect` when trying again later may help (the server is down,
    /// busy, or closed the connection), `.fail` when it will not (STARTTLS not offered,
    /// credentials refused).
    static func open(
        to server: SMTPServer,
        configuration: SMTPClientConfiguration,
        tlsContext: NIOSSLContext?,
        connectTimeout: Duration,
        on eventLoop: any EventLoop,
        logger: Logger
    ) -> EventLoopFuture<SMTPConnection> {
        let sessionReady = eventLoop.makePromise(of: Void.self)
        let serverHostname = server.isIPAddress ? nil : server.host
        let makeTLSHandler: @Sendable () throws -> NIOSSLClientHandler = {
            guard let tlsContext else {
                throw SMTPError(.tlsFailed, "TLS was asked for, but the client has no TLS configuration.")
            }
            return try NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname)
        }
        let implicitTLS = configuration.tls == .implicit

        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(connectTimeout))
            // Commands and replies are small and answered one by one: Nagle would delay each.
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = SMTPClientHandler(
                        configuration: configuration,
                        server: server,
                        makeTLSHandler: makeTLSHandler,
                        sessionReady: sessionReady,
                        logger: logger
                    )
                    // From here on the handler owns `sessionReady` and completes it even if
                    // the channel never connects (in handlerRemoved).
                    try channel.pipeline.syncOperations.addHandler(handler)
                    if implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(makeTLSHandler(), position: .first)
                    }
                }
            }

        return bootstrap.connect(host: server.host, port: server.port)
            .flatMapErrorThrowing { error in
                throw SMTPSessionEnd.reconnect(Self.connectionError(error, server: server))
            }
            .flatMap { channel in
                sessionReady.futureResult.flatMapThrowing {
                    let handler = try channel.pipeline.syncOperations.handler(type: SMTPClientHandler.self)
                    return SMTPConnection(server: server, channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
                }
            }
    }

    /// Whether the channel is still open (the session may still have ended: `begin` says).
    var isActive: Bool {
        channel.isActive
    }

    /// Sends the envelope's commands; answers when the server wants the data, or with the
    /// message's outcome if it ends before that.
    func begin(_ envelope: SMTPEnvelope) -> EventLoopFuture<SMTPMessageStep> {
        let promise = channel.eventLoop.makePromise(of: SMTPMessageStep.self)
        let handler = self.handler
        channel.eventLoop.execute {
            handler.value.begin(envelope, promise: promise)
        }
        return promise.futureResult
    }

    /// Writes the data `begin` prepared; answers with the server's verdict.
    func writeData() -> EventLoopFuture<SMTPMessageResult> {
        let promise = channel.eventLoop.makePromise(of: SMTPMessageResult.self)
        let handler = self.handler
        channel.eventLoop.execute {
            handler.value.writeData(promise: promise)
        }
        return promise.futureResult
    }

    /// Drops the connection instead of writing the data, so that nothing is delivered.
    func abandonData(because error: SMTPError) {
        let handler = self.handler
        channel.eventLoop.execute {
            handler.value.abandonData(because: error)
        }
    }

    /// Says QUIT and closes; the future completes when the channel is closed (at the latest
    /// `deadline` after the QUIT).
    func quit(deadline: Duration = .seconds(10)) -> EventLoopFuture<Void> {
        let handler = self.handler
        channel.eventLoop.execute {
            handler.value.quit(deadline: TimeAmount(deadline))
        }
        return channel.closeFuture
    }

    private static func connectionError(_ error: any Error, server: SMTPServer) -> SMTPError {
        let reason: String
        if case .connectTimeout? = error as? ChannelError {
            reason = "it did not answer in time"
        } else if let error = error as? NIOConnectionError {
            if !error.connectionErrors.isEmpty {
                reason = error.connectionErrors.map { "\($0.target): \($0.error)" }.joined(separator: "; ")
            } else if let dnsError = error.dnsAError ?? error.dnsAAAAError {
                reason = "its name could not be resolved (\(dnsError))"
            } else {
                reason = "\(error)"
            }
        } else {
            reason = "\(error)"
        }
        return SMTPError(.connectionFailed, "Kassa could not connect to the SMTP server \(server): \(reason).")
    }
}
