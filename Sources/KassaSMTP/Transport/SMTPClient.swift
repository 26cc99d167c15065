import Foundation
import KassaNIO
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Sends messages to one SMTP server over one reused connection.
///
/// ```swift
/// let client = try SMTPClient(server: SMTPServer(host: "smtp.example.se", port: 587),
///                             configuration: SMTPClientConfiguration(tls: .startTLS, credentials: credentials),
///                             logger: logger)
/// let outcome = await client.send(mail.envelope) { try journal.markInDoubt(id) }
/// await client.close()
/// ```
///
/// The connections run on one loop of the process's event-loop group (`eventLoop`); `send`
/// returns once the message's outcome is known, and a caller running on `taskExecutor`
/// resumes there without a thread hop. A connection is
/// opened on the first message and reused for the next ones (RSET clears a failed
/// transaction); when the server closes it (421, an idle timeout) the next message opens a
/// new one, and a message that failed only because a reused connection was gone before its
/// data is tried once more on a fresh connection. After a failure that a new connection would
/// repeat (STARTTLS not offered, credentials refused) every message fails the same way
/// without connecting, until `close()`. A message that fails because no session could be
/// opened says so (`SMTPDeliveryFailure.isSessionFailure`): it is not the message's fault.
///
/// `commit` is called once, after the server has answered 354 to DATA and right before the
/// data and its final `.` are written: from then on the outcome may be unknown. If it throws,
/// the data is not written, the connection is dropped, and the message fails as temporary.
public final class SMTPClient {
    /// The server messages go to.
    public let server: SMTPServer
    /// The session's configuration: TLS mode, credentials, EHLO name, timeouts.
    public let configuration: SMTPClientConfiguration
    /// How many times this client has connected or tried to (a reused connection counts
    /// once): after a permanent failure it stops trying until `close()`.
    public private(set) var connectionAttempts = 0

    private let tlsContext: NIOSSLContext?
    private let connectTimeout: Duration
    /// The loop the client's connections run on.
    public let eventLoop: any EventLoop
    /// Runs a task on `eventLoop` (`withTaskExecutorPreference`).
    public let taskExecutor: any TaskExecutor
    private let logger: Logger
    private var connection: SMTPConnection?
    private var permanentFailure: SMTPError?

    /// A client for `server`. `tls` is used for STARTTLS and implicit TLS (it trusts the
    /// system's root certificates unless told otherwise); `connectTimeout` bounds opening the
    /// TCP connection.
    /// - Throws: `SMTPTransportError` (`.invalidTLSConfiguration`) when `tls` cannot be used.
    public init(
        server: SMTPServer,
        configuration: SMTPClientConfiguration,
        tls: TLSConfiguration = .makeClientConfiguration(),
        connectTimeout: Duration = .seconds(30),
        eventLoopGroup: any EventLoopGroup = ProcessEventLoops.group,
        logger: Logger
    ) throws(SMTPTransportError) {
        self.server = server
        self.configuration = configuration
        self.connectTimeout = connectTimeout
        self.logger = logger
        if configuration.tls == .none {
            tlsContext = nil
        } else {
            do {
                tlsContext = try NIOSSLContext(configuration: tls)
            } catch {
                throw SMTPTransportError(.invalidTLSConfiguration, "The TLS settings for the SMTP server \(server) cannot be used: \(error).")
            }
        }
        eventLoop = eventLoopGroup.next()
        taskExecutor = EventLoopTaskExecutor(eventLoop)
    }

    deinit {
        // Nobody can wait for a QUIT here; a client that was not closed drops its connection.
        connection?.channel.close(promise: nil)
    }

    /// Sends one message and waits for its outcome; `commit` runs right before the end of the
    /// data is written (see the type's documentation), `whileWaiting` once the data is on its
    /// way and before the verdict is read: the caller's own work overlaps the round trip.
    public func send(_ envelope: SMTPEnvelope, commit: () throws -> Void, whileWaiting: () -> Void = {}) async -> SMTPMessageOutcome {
        if let permanentFailure {
            return .failed(SMTPDeliveryFailure(kind: .permanent, error: permanentFailure, isSessionFailure: true))
        }
        var mayTryFreshConnection = true
        while true {
            let connection: SMTPConnection
            let isReused: Bool
            if let current = self.connection, current.isActive {
                connection = current
                isReused = true
            } else {
                self.connection = nil
                switch await openConnection() {
                case .success(let opened):
                    connection = opened
                    self.connection = opened
                    isReused = false
                case .failure(let end):
                    return .failed(end.sessionFailure.naming(server))
                }
            }

            let step: SMTPMessageStep
            do {
                step = try await connection.begin(envelope).get()
            } catch {
                self.connection = nil
                let error = SMTPError(.connectionClosed, "The connection to the SMTP server failed: \(error).")
                return .failed(SMTPDeliveryFailure(kind: .temporary, error: error).naming(server))
            }

            switch step {
            case .finished(let result):
                noteSessionEnd(result.sessionEnd)
                if isReused, mayTryFreshConnection, result.sessionEnd != nil, case .failed(let failure) = result.outcome,
                   failure.kind == .temporary, Self.isConnectionLoss(failure.error.code) {
                    // The reused connection was gone before this message's data: nothing was
                    // sent, and a fresh connection is the usual cure (an idle timeout, a 421).
                    logger.debug("SMTP connection to \(server) was closed; sending again on a new one")
                    mayTryFreshConnection = false
                    continue
                }
                return result.outcome.naming(server)

            case .awaitingCommit:
                do {
                    try commit()
                } catch {
                    let failure = SMTPError(
                        .commitFailed,
                        "The message to \(envelope.recipients.map { "<\($0)>" }.joined(separator: ", ")) was not sent: recording it before the end of the data failed (\(error))."
                    )
                    connection.abandonData(because: failure)
                    self.connection = nil
                    return .failed(SMTPDeliveryFailure(kind: .temporary, error: failure))
                }
                let result: SMTPMessageResult
                do {
                    let verdict = connection.writeData()
                    whileWaiting()
                    result = try await verdict.get()
                } catch {
                    self.connection = nil
                    let error = SMTPError(.connectionClosed, "The connection to the SMTP server failed after the message data was handed over (\(error)); the message may have been accepted.")
                    return .unknown(error.naming(server))
                }
                noteSessionEnd(result.sessionEnd)
                return result.outcome.naming(server)
            }
        }
    }

    /// Ends the session politely (QUIT) and closes the connection; the next `send` opens a
    /// new one. Also forgets a permanent failure, so the next `send` tries the server again.
    public func close() async {
        permanentFailure = nil
        guard let connection else { return }
        self.connection = nil
        do {
            try await connection.quit().get()
        } catch {
            logger.debug("Closing the SMTP connection to \(server) failed: \(error)")
        }
    }

    // MARK: Connections

    private func openConnection() async -> Result<SMTPConnection, SMTPSessionEnd> {
        logger.debug("Connecting to SMTP server \(server) (tls: \(configuration.tls.rawValue))")
        connectionAttempts += 1
        let future = SMTPConnection.open(
            to: server,
            configuration: configuration,
            tlsContext: tlsContext,
            connectTimeout: connectTimeout,
            on: eventLoop,
            logger: logger
        )
        do {
            return .success(try await future.get())
        } catch let end as SMTPSessionEnd {
            noteSessionEnd(end)
            return .failure(end)
        } catch {
            return .failure(.reconnect(SMTPError(.connectionFailed, "Kassa could not connect to the SMTP server: \(error).")))
        }
    }

    private func noteSessionEnd(_ end: SMTPSessionEnd?) {
        guard let end else { return }
        connection = nil
        if end.isPermanent {
            permanentFailure = end.error.naming(server)
        }
    }

    /// Failures that mean "the connection was gone", not "the server refused".
    private static func isConnectionLoss(_ code: SMTPError.Code) -> Bool {
        code == .connectionClosed || code == .serviceNotAvailable || code == .resetFailed
    }
}
