import Foundation
import Logging

/// Sends a mailing from its outbox, journaling every step, so that a crash, a kill or a
/// stop never sends a message twice and never forgets one.
///
/// For each message: render it; hand it to the transport, which calls back at its commit
/// point, where the row becomes `committing`; record the outcome (`sent`, `failed`, `retry`
/// with its time, or `unknown`). The outcome is written in the same transaction as the next
/// message's commit point, or before any pause and at the end. A row left `committing` by a
/// sender that died becomes `unknown` when the next sender starts, and is resent only with
/// `resendUnknown`. The next message of a batch is rendered while the transport waits for
/// the current one's answer (after its commit point), so that work overlaps the round trip.
///
/// Before anything is sent, every message the run would send is rendered (as the preview
/// renders it): when one cannot be, the run is refused with the first errors and their
/// count, unless `skipUnrenderable`, which marks those failed (without an attempt: they never
/// left) and sends the others. A transport that answers `sessionFailed` (credentials
/// refused, no TLS, the server unreachable) ends the run: its message and the rest stay
/// as they were, to send once the cause is fixed; only a recipient's own permanent refusal
/// fails that recipient.
///
/// One sender per mailing: a second one is refused while the first one's process lives.
/// `kassa mailing stop` (a flag in the store) or cancelling the sending task (Ctrl-C) ends
/// the run after the message in flight: a message handed to the transport is never
/// abandoned half-way, so its outcome is always recorded.
///
/// The run follows its transport to the transport's `executor` (the connection's event
/// loop): each answer then resumes it without a thread hop, and composing and journaling
/// happen there between exchanges.
/// Messages that failed for now wait for their retry time; a run ends when nothing is due,
/// and the next `send` takes up what is left.
public final class MailingSender {
    public let mailings: any MailingStore
    public let customers: any CustomerStore
    public let composer: any MessageComposer
    public let transport: any MessageTransport
    let logger: Logger
    /// Waits, or returns early when the task is cancelled; tests replace it to run
    /// throttled sends without waiting.
    var sleep: (TimeInterval) async -> Void = { seconds in
        try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
    }
    /// Reads the clock; tests replace it with their own.
    var now: () -> Date = Date.init
    /// The outcome of the last message, written together with the next message's commit
    /// point (one write per message). Until then a crash leaves that message `committing`,
    /// which the next sender reports as unknown: never resent, never lost.
    private var pendingOutcome: OutboxOutcome?
    /// The next message, composed while the transport waited for the previous one's answer.
    private var composedAhead: (customer: String, content: Result<RenderedMessage, any Error>)?

    public init(mailings: any MailingStore, customers: any CustomerStore, composer: any MessageComposer,
                transport: any MessageTransport, logger: Logger) {
        self.mailings = mailings
        self.customers = customers
        self.composer = composer
        self.transport = transport
        self.logger = logger
    }

    /// Sends what is due of `mailing`. `progress` is called after every message. Cancelling
    /// the calling task stops the run before the next message, as `kassa mailing stop` does;
    /// the report then says `stopped`.
    public func send(
        _ mailing: Mailing, options: SendOptions, progress: (SendProgress) -> Void = { _ in }
    ) async throws -> SendReport {
        guard mailing.channel == transport.channel else {
            throw MailingError(.invalidContent, "Mailing \(mailing.displayName) is \(mailing.channel.rawValue) but the transport carries \(transport.channel.rawValue).")
        }
        return try await withTaskExecutorPreference(transport.executor) {
            let report: SendReport
            do {
                report = try await sendDue(of: mailing, options: options, progress: progress)
            } catch {
                await transport.close()
                throw error
            }
            await transport.close()
            return report
        }
    }

    private func sendDue(of mailing: Mailing, options: SendOptions, progress: (SendProgress) -> Void) async throws -> SendReport {
        let started = now()
        var report = SendReport(mailing: mailing.id)
        pendingOutcome = nil
        composedAhead = nil
        let unrenderable = try unrenderableMessages(of: mailing, options: options)
        let start = try mailings.beginSending(mailing.id, pid: getpid(), resendUnknown: options.resendUnknown,
                                              retryFailed: options.retryFailed, throttle: nil)
        report.foundUnknown = start.newlyUnknown
        report.requeued = start.requeued
        report.retried = start.retried
        if !unrenderable.isEmpty {
            try mailings.record(mailing.id, outcomes: unrenderable)
            report.unrenderable = unrenderable.count
            report.failed += unrenderable.count
            logger.warning("\(unrenderable.count) messages of mailing \(mailing.id) cannot be rendered; marked failed, the others are sent")
        }
        if start.newlyUnknown > 0 {
            logger.warning("\(start.newlyUnknown) messages of mailing \(mailing.id) may have been sent by a sender that stopped; they are marked unknown")
        }
        var left = try mailings.counts(of: mailing.id)[.pending]
        var inConnection = 0
        var lastStart: Date?
        var lastStopCheck = Date.distantPast

        func stopAsked() throws -> Bool {
            if Task.isCancelled { return true }
            // The stop flag lives in the database (another process sets it): read it at
            // most a few times a second, not per message.
            guard now().timeIntervalSince(lastStopCheck) >= 0.25 else { return false }
            lastStopCheck = now()
            return try mailings.isStopRequested(mailing.id)
        }

        func wait(_ seconds: TimeInterval) async throws -> Bool {
            try flushOutcome(of: mailing.id)
            var remaining = seconds
            while remaining > 0 {
                if try stopAsked() { return false }
                let step = min(remaining, 0.2)
                await sleep(step)
                remaining -= step
            }
            return true
        }

        // The last pending entry taken: each batch reads on from it.
        var cursor: String?
        sending: while true {
            let batch = try mailings.sendable(of: mailing.id, now: now(), after: cursor, limit: 200)
            if batch.isEmpty { break }
            cursor = batch.last(where: { $0.state == .pending })?.customerNumber ?? cursor
            let found = try customers.customers(numbers: batch.map(\.customerNumber))
            let byNumber = Dictionary(found.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
            for (position, entry) in batch.enumerated() {
                if try stopAsked() {
                    report.stopped = true
                    break sending
                }
                if options.throttle.batch > 0, inConnection >= options.throttle.batch {
                    await transport.close()
                    inConnection = 0
                    guard try await wait(options.throttle.pause) else {
                        report.stopped = true
                        break sending
                    }
                }
                if let lastStart, options.minimumInterval > 0 {
                    let due = lastStart.addingTimeInterval(options.minimumInterval).timeIntervalSince(now())
                    if due > 0, try await !wait(due) {
                        report.stopped = true
                        break sending
                    }
                }
                lastStart = now()
                if entry.state == .pending { left -= 1 }
                let next = batch.indices.contains(position + 1) ? batch[position + 1] : nil
                try await deliver(entry, customer: byNumber[entry.customerNumber], mailing: mailing, options: options, report: &report,
                            next: next.flatMap { next in byNumber[next.customerNumber].map { (next, $0) } })
                inConnection += 1
                progress(SendProgress(sent: report.sent, failed: report.failed, left: max(0, left), elapsed: now().timeIntervalSince(started)))
                if let reason = report.sessionFailure {
                    logger.debug("Sending mailing \(mailing.id) stopped: \(reason)")
                    break sending
                }
            }
        }

        try flushOutcome(of: mailing.id)
        let counts = try mailings.counts(of: mailing.id)
        if report.stopped || report.sessionFailure != nil {
            report.status = .stopped
        } else if counts.open == 0 {
            report.status = .finished
        } else {
            report.status = .sending
            report.nextRetryAt = try mailings.entries(of: mailing.id, states: [.retry], after: nil, limit: 10_000)
                .compactMap(\.nextAttemptAt).min()
        }
        try mailings.endSending(mailing.id, status: report.status)
        report.seconds = now().timeIntervalSince(started)
        return report
    }

    private func deliver(_ entry: OutboxEntry, customer: Customer?, mailing: Mailing, options: SendOptions,
                         report: inout SendReport, next: (entry: OutboxEntry, customer: Customer)?) async throws {
        let number = entry.customerNumber
        guard let customer else {
            try mailings.record(mailing.id, outcome: OutboxOutcome(
                customer: number, state: .failed, reason: "customer \(number) is no longer in the register", countsAttempt: false),
                thenCommitting: nil)
            report.failed += 1
            return
        }
        let composed: Result<RenderedMessage, any Error>
        if let ahead = composedAhead, ahead.customer == number {
            composed = ahead.content
        } else {
            composed = Result { try composer.compose(customer) }
        }
        composedAhead = nil
        let content: RenderedMessage
        switch composed {
        case .success(let rendered):
            content = rendered
        case .failure(let error):
            try mailings.record(mailing.id, outcome: OutboxOutcome(customer: number, state: .failed, reason: "\(error)", countsAttempt: false),
                                thenCommitting: nil)
            report.failed += 1
            return
        }
        let message = outgoing(entry, customer: customer, content: content, mailing: mailing)
        let outcome = await transport.deliver(message, commit: {
            try mailings.record(mailing.id, outcome: pendingOutcome, thenCommitting: number)
            pendingOutcome = nil
        }, whileWaiting: {
            guard let next else { return }
            let content = Result { try composer.compose(next.customer) }
            composedAhead = (next.entry.customerNumber, content)
            if case .success(let rendered) = content {
                transport.prepare(outgoing(next.entry, customer: next.customer, content: rendered, mailing: mailing))
            }
        })
        // A transport that gave up before its commit point left the previous outcome unwritten.
        try flushOutcome(of: mailing.id)
        var recorded = OutboxOutcome(customer: number, state: .sent)
        switch outcome {
        case .sent(let reference):
            recorded.reference = reference
            report.sent += 1
        case .failed(let reason):
            recorded.state = .failed
            recorded.reason = reason
            report.failed += 1
        case .retry(let reason):
            let attempts = entry.attempts + 1
            if attempts >= options.maxAttempts {
                recorded.state = .failed
                recorded.reason = "gave up after \(attempts) attempts: \(reason)"
                report.failed += 1
            } else {
                recorded.state = .retry
                recorded.reason = reason
                recorded.nextAttemptAt = now().addingTimeInterval(options.retryDelay(afterAttempts: attempts))
                report.retry += 1
            }
        case .unknown(let reason):
            recorded.state = .unknown
            recorded.reason = reason
            report.unknown += 1
        case .sessionFailed(let reason):
            // Not taken, and not this message's fault: the row goes back to what it was
            // (the transport may have passed its commit point), without an attempt.
            recorded = OutboxOutcome(customer: number, state: entry.state, reason: entry.reason, nextAttemptAt: entry.nextAttemptAt,
                                     countsAttempt: false)
            report.sessionFailure = reason
        }
        pendingOutcome = recorded
    }

    /// Renders every message the run is about to send, as the preview does, and returns
    /// those that cannot be rendered as failed outcomes; throws `unrenderable`, naming the
    /// first ones and their count, when there are any and `skipUnrenderable` is not set.
    private func unrenderableMessages(of mailing: Mailing, options: SendOptions) throws -> [OutboxOutcome] {
        var states: [OutboxState] = [.pending, .retry]
        if options.retryFailed { states.append(.failed) }
        if options.resendUnknown { states += [.unknown, .committing] }
        var failures: [OutboxOutcome] = []
        let preview = MailingPreview(channel: mailing.channel, composer: composer, meter: nil)
        let totals = try preview.run(mailing.id, outbox: mailings, customers: customers, states: states) { message in
            guard let error = message.error else { return }
            failures.append(OutboxOutcome(customer: message.customer, state: .failed, reason: error, countsAttempt: false))
        }
        guard !failures.isEmpty, !options.skipUnrenderable else { return failures }
        let shown = 5
        var lines = ["Mailing \(mailing.displayName) was not sent: \(failures.count) of \(totals.recipients) messages cannot be rendered."]
        lines += failures.prefix(shown).map { "  customer \($0.customer): \($0.reason ?? "")" }
        if failures.count > shown {
            lines.append("  and \(failures.count - shown) more (kassa mailing preview \(mailing.id) lists every one).")
        }
        lines.append("Fix the template or plugin and send again, or send the others with --skip-unrenderable.")
        throw MailingError(.unrenderable, lines.joined(separator: "\n"))
    }

    private func outgoing(_ entry: OutboxEntry, customer: Customer, content: RenderedMessage, mailing: Mailing) -> OutgoingMessage {
        OutgoingMessage(
            channel: mailing.channel, mailingID: mailing.id, customerNumber: entry.customerNumber, address: entry.address ?? "",
            displayName: customer.recipientName, content: content, purpose: mailing.purpose,
            idempotencyKey: "kassa-\(mailing.id)-\(entry.customerNumber)")
    }

    private func flushOutcome(of mailing: Int64) throws {
        guard let outcome = pendingOutcome else { return }
        try mailings.record(mailing, outcome: outcome, thenCommitting: nil)
        pendingOutcome = nil
    }
}
