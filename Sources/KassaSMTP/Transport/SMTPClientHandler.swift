import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Speaks SMTP on one channel: feeds the server's bytes through an `SMTPReplyParser` into an
/// `SMTPClientStateMachine` and performs the actions it returns. It decides nothing about the
/// protocol itself; `SMTPConnection` calls it from the outside, always on the channel's loop.
///
/// A message goes through two calls, so that the caller can record its commit point between
/// them (`MessageTransport`): `begin` sends the envelope and answers `.awaitingCommit` when
/// the server is ready for the data (or the message's outcome when it ends sooner); then
/// `writeData` writes the data and answers the server's verdict, or `abandonData` drops the
/// connection instead, so that the server discards the unfinished transaction.
///
/// One timer guards the session: its deadline is moved to `currentTimeout` from now after
/// every event, and a check that runs at most every `checkInterval` (a tenth of the shortest
/// timeout, at most a second) compares it with the clock. Timeouts are minutes and a message
/// takes microseconds, so rescheduling a task after every reply would cost more than the
/// message (a system call each time); a timeout is noticed at most one interval late.
/// Promises are completed only after all actions of an event have been performed, so that a
/// caller woken by an outcome also sees whether the session ended with it.
final class SMTPClientHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Where the message handed over by the caller is.
    private enum MessageStage {
        /// Waiting for the session to become ready (set-up, or RSET after a failure).
        case queued(SMTPEnvelope, EventLoopPromise<SMTPMessageStep>)
        /// Commands sent; the server has not asked for the data yet.
        case sending(EventLoopPromise<SMTPMessageStep>)
        /// The server answered 354; the data waits here while the caller commits.
        case awaitingCommit([UInt8])
        /// Settled while the data waited; the data was never written.
        case settledBeforeData(SMTPMessageOutcome)
        /// The data and its final dot were written; the verdict is awaited.
        case dataWritten(EventLoopPromise<SMTPMessageResult>)
    }

    private var machine: SMTPClientStateMachine
    private var parser = SMTPReplyParser()
    private let server: SMTPServer
    private let makeTLSHandler: @Sendable () throws -> NIOSSLClientHandler
    private let logger: Logger

    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var deadline: NIODeadline?
    private let checkInterval: TimeAmount
    private var sessionReady: EventLoopPromise<Void>?
    private var stage: MessageStage?
    private var sessionEnd: SMTPSessionEnd?
    private var pendingCompletions: [() -> Void] = []
    private var closeRequested = false
    private var isPerforming = false

    /// A handler for a new connection; it completes `sessionReady` once the session is set up
    /// (greeting, EHLO, STARTTLS, AUTH) or fails it with an `SMTPSessionEnd`.
    init(
        configuration: SMTPClientConfiguration,
        server: SMTPServer,
        makeTLSHandler: @escaping @Sendable () throws -> NIOSSLClientHandler,
        sessionReady: EventLoopPromise<Void>,
        logger: Logger
    ) {
        self.machine = SMTPClientStateMachine(configuration: configuration)
        let timeouts = configuration.timeouts
        let shortest = [timeouts.greeting, timeouts.command, timeouts.tlsHandshake, timeouts.dataInitiation, timeouts.dataTermination].min()!
        self.checkInterval = max(.milliseconds(10), min(.seconds(1), TimeAmount(shortest / 10)))
        self.server = server
        self.makeTLSHandler = makeTLSHandler
        self.sessionReady = sessionReady
        self.logger = logger
    }

    // MARK: Calls from SMTPConnection (on the loop)

    /// Starts sending `envelope`: at once when the session is idle, else once it is.
    func begin(_ envelope: SMTPEnvelope, promise: EventLoopPromise<SMTPMessageStep>) {
        if let sessionEnd {
            promise.succeed(.finished(SMTPMessageResult(outcome: .failed(sessionEnd.messageFailure), sessionEnd: sessionEnd)))
            return
        }
        guard stage == nil else {
            let error = SMTPError(.notReady, "A message was handed to the SMTP connection while another was still in flight.")
            promise.succeed(.finished(SMTPMessageResult(outcome: .failed(SMTPDeliveryFailure(kind: .temporary, error: error)), sessionEnd: nil)))
            return
        }
        guard machine.isReady else {
            stage = .queued(envelope, promise)
            return
        }
        stage = .sending(promise)
        perform(machine.sendMessage(envelope))
    }

    /// Writes the data the server asked for; the promise gets the server's verdict.
    func writeData(promise: EventLoopPromise<SMTPMessageResult>) {
        switch stage {
        case .awaitingCommit(let data):
            guard let context else {
                stage = nil
                let error = SMTPError(.connectionClosed, "The connection to the SMTP server closed before the message data was written.")
                promise.succeed(SMTPMessageResult(outcome: .failed(SMTPDeliveryFailure(kind: .temporary, error: error)), sessionEnd: sessionEnd))
                return
            }
            stage = .dataWritten(promise)
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: data)), promise: nil)
        case .settledBeforeData(let outcome):
            stage = nil
            promise.succeed(SMTPMessageResult(outcome: outcome, sessionEnd: sessionEnd))
        case .queued, .sending, .dataWritten, nil:
            let error = SMTPError(.notReady, "The message data was to be written while the SMTP server had not asked for it.")
            promise.succeed(SMTPMessageResult(outcome: .failed(SMTPDeliveryFailure(kind: .temporary, error: error)), sessionEnd: sessionEnd))
        }
    }

    /// The caller could not commit: the data must not go out. Closing the connection in the
    /// middle of DATA makes the server discard the transaction (RFC 5321 §3.8).
    func abandonData(because error: SMTPError) {
        stage = nil
        endSession(.reconnect(error))
        context?.close(promise: nil)
    }

    /// Ends the session with QUIT (after the message in flight, if any); the connection is
    /// closed when the server answers, or after `deadline` at the latest.
    func quit(deadline: TimeAmount) {
        guard let context else { return }
        perform(machine.quit())
        context.eventLoop.assumeIsolated().scheduleTask(in: deadline) { [weak self] in
            self?.context?.close(promise: nil)
        }
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive {
            perform(machine.connected())
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        settleEverything(SMTPSessionEnd.reconnect(SMTPError(.connectionClosed, "The connection to the SMTP server closed.")))
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        perform(machine.connected())
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        perform(machine.connectionClosed())
        cancelTimer()
        settleEverything(sessionEnd ?? .reconnect(SMTPError(.connectionClosed, "The connection to the SMTP server closed.")))
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        parser.append(buffer.readableBytesView)
        while !machine.isClosed {
            do {
                guard let reply = try parser.nextReply() else { break }
                perform(machine.replyReceived(reply))
            } catch {
                perform(machine.errorCaught(error))
                break
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            perform(machine.tlsEstablished())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        perform(machine.errorCaught(Self.smtpError(for: error)))
        if context.channel.isActive {
            context.close(promise: nil)
        }
    }

    // MARK: Performing actions

    private func perform(_ actions: [SMTPClientStateMachine.Action]) {
        guard let context else { return }
        // A promise's callbacks and a close both run code that may call back in here; they
        // wait until the outermost call has finished its actions.
        let isOutermost = !isPerforming
        isPerforming = true
        var queue = actions[...]
        var needsFlush = false
        while let action = queue.popFirst() {
            switch action {
            case .send(let bytes):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
                needsFlush = true
            case .sendMessageData(let bytes):
                holdData(bytes)
            case .startTLS:
                if needsFlush {
                    context.flush()
                    needsFlush = false
                }
                queue.append(contentsOf: startTLS(context: context))
            case .ready:
                queue.append(contentsOf: sessionBecameReady())
            case .messageAccepted(let delivery):
                settle(.accepted(delivery))
            case .messageFailed(let failure):
                settle(.failed(failure))
            case .messageOutcomeUnknown(let error):
                settle(.unknown(error))
            case .reconnect(let error):
                logger.debug("SMTP session with \(server) ends: \(error.message)")
                endSession(.reconnect(error))
                closeRequested = true
            case .fail(let error):
                logger.notice("SMTP session with \(server) failed: \(error.message)")
                endSession(.fail(error))
            case .close:
                closeRequested = true
            }
        }
        if needsFlush {
            context.flush()
        }
        guard isOutermost else { return }
        rearmTimer(context: context)
        isPerforming = false
        let completions = pendingCompletions
        pendingCompletions = []
        for completion in completions {
            completion()
        }
        if closeRequested {
            closeRequested = false
            context.close(promise: nil)
        }
    }

    private func holdData(_ data: [UInt8]) {
        guard case .sending(let promise) = stage else {
            // The machine asks for data only for a message that `begin` started.
            logger.error("SMTP state machine asked for message data with no message in flight (\(machine))")
            closeRequested = true
            return
        }
        stage = .awaitingCommit(data)
        pendingCompletions.append { promise.succeed(.awaitingCommit) }
    }

    private func settle(_ outcome: SMTPMessageOutcome) {
        switch stage {
        case .queued(_, let promise), .sending(let promise):
            stage = nil
            pendingCompletions.append { [unowned self] in
                promise.succeed(.finished(SMTPMessageResult(outcome: outcome, sessionEnd: self.sessionEnd)))
            }
        case .awaitingCommit:
            // The data never left: whatever the machine concluded, nothing was delivered. The
            // server still waits for data the machine thinks it has, so the connection goes.
            stage = .settledBeforeData(.failed(SMTPDeliveryFailure(kind: .temporary, error: Self.error(of: outcome))))
            closeRequested = true
        case .dataWritten(let promise):
            stage = nil
            pendingCompletions.append { [unowned self] in
                promise.succeed(SMTPMessageResult(outcome: outcome, sessionEnd: self.sessionEnd))
            }
        case .settledBeforeData, nil:
            logger.debug("SMTP outcome with no message in flight on \(server) ignored")
        }
    }

    private func sessionBecameReady() -> [SMTPClientStateMachine.Action] {
        if let promise = sessionReady {
            sessionReady = nil
            logger.debug("SMTP session with \(server) ready (\(machine))")
            pendingCompletions.append { promise.succeed(()) }
        }
        if case .queued(let envelope, let promise) = stage {
            stage = .sending(promise)
            return machine.sendMessage(envelope)
        }
        return []
    }

    private func endSession(_ end: SMTPSessionEnd) {
        if sessionEnd == nil {
            sessionEnd = end
        }
        if let promise = sessionReady {
            sessionReady = nil
            pendingCompletions.append { promise.fail(end) }
        }
        if case .queued(_, let promise) = stage {
            stage = nil
            pendingCompletions.append { promise.succeed(.finished(SMTPMessageResult(outcome: .failed(end.messageFailure), sessionEnd: end))) }
        }
    }

    /// The channel is gone: every promise still open gets its answer now.
    private func settleEverything(_ end: SMTPSessionEnd) {
        endSession(end)
        switch stage {
        case .sending(let promise):
            promise.succeed(.finished(SMTPMessageResult(outcome: .failed(end.messageFailure), sessionEnd: end)))
            stage = nil
        case .dataWritten(let promise):
            // The machine settles this on connectionClosed; reaching here means it could not.
            let error = SMTPError(end.error.code, "\(end.error.message) The message data had been sent, so the server may have accepted it.")
            promise.succeed(SMTPMessageResult(outcome: .unknown(error), sessionEnd: end))
            stage = nil
        case .awaitingCommit:
            stage = .settledBeforeData(.failed(end.messageFailure))
        case .queued, .settledBeforeData, nil:
            break
        }
        let completions = pendingCompletions
        pendingCompletions = []
        for completion in completions {
            completion()
        }
    }

    // MARK: TLS and the timer

    /// Puts TLS under the SMTP conversation after the server's 220 to STARTTLS.
    private func startTLS(context: ChannelHandlerContext) -> [SMTPClientStateMachine.Action] {
        guard !parser.hasBufferedInput else {
            // CVE-2011-0411: bytes sent before the handshake must never count as sent over TLS.
            return machine.errorCaught(SMTPError(
                .unexpectedReply,
                "The SMTP server sent more data right after accepting STARTTLS, before the TLS handshake; the connection is closed because that data could have been injected."
            ))
        }
        parser.reset()
        do {
            try context.pipeline.syncOperations.addHandler(makeTLSHandler(), position: .first)
        } catch {
            return machine.errorCaught(Self.smtpError(for: error))
        }
        return []
    }

    private func rearmTimer(context: ChannelHandlerContext) {
        guard let timeout = machine.currentTimeout else {
            deadline = nil
            return
        }
        let now = NIODeadline.now()
        deadline = now + TimeAmount(timeout)
        if timer == nil {
            scheduleCheck(from: now, context: context)
        }
    }

    private func scheduleCheck(from now: NIODeadline, context: ChannelHandlerContext) {
        guard let deadline else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: min(deadline, now + checkInterval)) { [weak self] in
            self?.checkDeadline()
        }
    }

    private func checkDeadline() {
        timer = nil
        guard let deadline, let context else { return }
        let now = NIODeadline.now()
        if deadline > now {
            scheduleCheck(from: now, context: context)
            return
        }
        self.deadline = nil
        perform(machine.timeout())
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
        deadline = nil
    }

    // MARK: Errors

    static func smtpError(for error: any Error) -> SMTPError {
        switch error {
        case let error as SMTPError:
            return error
        case let error as NIOSSLError:
            return SMTPError(.tlsFailed, "TLS with the SMTP server failed: \(Self.describe(error)).")
        case let error as BoringSSLError:
            return SMTPError(.tlsFailed, "TLS with the SMTP server failed: \(error).")
        case let error as NIOSSLExtraError:
            return SMTPError(.tlsFailed, "TLS with the SMTP server cannot start: \(error).")
        default:
            return SMTPError(.connectionClosed, "The connection to the SMTP server failed: \(error).")
        }
    }

    private static func describe(_ error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed(let underlying):
            let text = "\(underlying)"
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                return "its certificate is not trusted (\(text)); for a private CA set [smtp] ca_file"
            }
            return "the handshake failed (\(text))"
        case .uncleanShutdown:
            return "the server closed the connection without ending TLS"
        default:
            return "\(error)"
        }
    }

    private static func error(of outcome: SMTPMessageOutcome) -> SMTPError {
        switch outcome {
        case .accepted(let delivery):
            return SMTPError(.unexpectedReply, "The SMTP server answered \(SMTPError.quoted(delivery.reply)) before the message data was written.", reply: delivery.reply)
        case .failed(let failure):
            return failure.error
        case .unknown(let error):
            return SMTPError(error.code, "\(error.message.components(separatedBy: " The message data had been sent").first ?? error.message) The message data had not been written yet, so nothing was delivered.")
        }
    }
}
