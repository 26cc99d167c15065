import ArgumentParser
import Foundation
import KassaApp
import KassaCore

/// `kassa mailing send ID [--batch X --pause Y --delay Z --rate R] [--resend-unknown] [--retry-failed] [--skip-unrenderable] [--json]`
struct MailingSendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a mailing, or resume one that was stopped or interrupted. Every message is journaled.",
        discussion: """
            A message whose outcome is unknown (the sender was killed after handing it over and before the answer) \
            is reported and not sent again unless --resend-unknown. Ctrl-C or kassa mailing stop ends the run after \
            the message in flight; send again to resume. Every message is rendered first: when one cannot be, nothing \
            is sent unless --skip-unrenderable. When the server cannot be used at all (credentials refused, no TLS, \
            not reachable) the run stops and the messages wait for the next send. Exits with status 1 when the run \
            stopped so or a message failed.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The mailing's number or name.") var mailing: String
    @Option(help: "Messages per connection before a pause (X).") var batch: Int?
    @Option(help: "Seconds to wait after each batch (Y).") var pause: Double?
    @Option(help: "Seconds to wait between two messages (Z).") var delay: Double?
    @Option(help: "At most this many messages per second.") var rate: Double?
    @Flag(name: .customLong("resend-unknown"), help: "Send the messages marked unknown again (some may arrive twice).")
    var resendUnknown = false
    @Flag(name: .customLong("retry-failed"), help: "Send the failed messages again, once their cause is fixed (still one per customer).")
    var retryFailed = false
    @Flag(name: .customLong("skip-unrenderable"), help: "Send the messages that render and mark the others failed, instead of sending nothing.")
    var skipUnrenderable = false
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "Send with this user's SMTP settings ([users.NAME.smtp] in kassa.toml).") var user: String?

    func validate() throws {
        if let batch, batch < 0 { throw ValidationError("Batch must be 0 (no pauses) or more messages, not \"\(batch)\"") }
        for (name, value) in [("Pause", pause), ("Delay", delay)] {
            if let value, !(value >= 0) { throw ValidationError("\(name) must be 0 or more seconds, not \"\(value)\"") }
        }
        if let rate, !(rate >= 0) { throw ValidationError("Rate must be 0 (no limit) or more messages per second, not \"\(rate)\"") }
    }

    func run() async throws {
        try await StopSignal.cancelling { [self] in try await send() }
    }

    private func send() async throws {
        try await reportingFailures {
            let shop = try Shop(global)
            try await shop.withMailingService { service in
                let found = try service.mailings.mailing(mailing)
                let options = SendOptions(throttle: throttle(for: found, shop), resendUnknown: resendUnknown,
                                          retryFailed: retryFailed, skipUnrenderable: skipUnrenderable)
                let report = try await shop.send(found, service: service, options: options, user: user,
                                                 observer: SendProgressDisplay(quiet: json))
                let status = try MailingStatusReport(found, outbox: service.mailings)
                if json {
                    try Output.json(MailingSendView(report: report, status: status))
                } else {
                    for line in Self.lines(report, status) { Output.line(line) }
                }
                if let problem = Self.problem(report, status) { throw CommandFailure(problem) }
            }
        }
    }

    /// The command line's pace, else the mailing's, else `[throttle]`; none for the file
    /// outbox unless asked for.
    private func throttle(for mailing: Mailing, _ shop: Shop) -> ThrottleSettings {
        var throttle = shop.defaultThrottle(for: mailing)
        if let batch { throttle.batch = batch }
        if let pause { throttle.pause = pause }
        if let delay { throttle.delay = delay }
        if let rate { throttle.rate = rate }
        return throttle
    }

    /// Why the run is no success, for stderr and a non-zero exit: the session failed, or
    /// messages failed.
    static func problem(_ report: SendReport, _ status: MailingStatusReport) -> String? {
        if let reason = report.sessionFailure {
            return "Sending stopped: \(reason) Nothing more was sent: \(status.pending + status.retry) messages wait; fix the cause, then kassa mailing send \(report.mailing) resumes."
        }
        guard report.failed > 0 else { return nil }
        return "\(report.failed) messages failed in this run; kassa mailing status \(report.mailing) lists them, and kassa mailing send \(report.mailing) --retry-failed sends them again once the cause is fixed."
    }

    static func lines(_ report: SendReport, _ status: MailingStatusReport) -> [String] {
        var lines: [String] = []
        if report.foundUnknown > 0 {
            lines.append("\(report.foundUnknown) messages were in flight when an earlier send stopped: marked unknown, not resent.")
        }
        if report.requeued > 0 { lines.append("\(report.requeued) unknown messages were sent again, as asked.") }
        if report.retried > 0 { lines.append("\(report.retried) failed messages were put back to send, as asked.") }
        if report.unrenderable > 0 {
            lines.append("\(report.unrenderable) messages cannot be rendered: marked failed without sending, as asked.")
        }
        lines.append("This run: \(report.sent) sent, \(report.failed) failed, \(report.retry) to retry, \(report.unknown) unknown, in \(String(format: "%.1f", report.seconds)) s.")
        lines += status.lines
        switch report.status {
        case .stopped where report.sessionFailure != nil: break
        case .stopped: lines.append("Stopped; kassa mailing send \(report.mailing) resumes.")
        case .sending:
            let when = report.nextRetryAt.map { " after \($0.utcTimestamp)" } ?? ""
            lines.append("Messages wait for a retry\(when); kassa mailing send \(report.mailing) sends them.")
        case .finished, .draft: break
        }
        return lines
    }
}

/// The send report and the mailing's status, as `--json` prints them.
struct MailingSendView: Encodable {
    var report: SendReport
    var status: MailingStatusReport
}
