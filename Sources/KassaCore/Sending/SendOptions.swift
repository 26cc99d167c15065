import Foundation

/// How a mailing is sent: its pace and what to do with doubtful and failing messages.
public struct SendOptions: Sendable, Hashable {
    /// "Disconnect after X mails and wait Y seconds", "wait Z seconds between each mail"
    /// (001), and an overall rate.
    public var throttle: ThrottleSettings
    /// Send the rows marked `unknown` again (`--resend-unknown`): the user accepts that
    /// some of those customers may get the message twice.
    public var resendUnknown: Bool
    /// Put the rows marked `failed` back to send (`--retry-failed`), once the shop fixed the
    /// cause. Still one message per customer: a sent or unknown row is never touched.
    public var retryFailed: Bool
    /// Send the messages that render and mark the others failed (`--skip-unrenderable`),
    /// instead of refusing the whole run when one message cannot be rendered.
    public var skipUnrenderable: Bool
    /// Attempts after which a message that keeps failing for now is given up as failed.
    public var maxAttempts: Int
    /// The wait before the first retry; each further retry waits twice as long, up to
    /// `maxRetryDelay`.
    public var firstRetryDelay: TimeInterval
    public var maxRetryDelay: TimeInterval

    public init(throttle: ThrottleSettings = ThrottleSettings(batch: 0, pause: 0), resendUnknown: Bool = false,
                retryFailed: Bool = false, skipUnrenderable: Bool = false,
                maxAttempts: Int = 5, firstRetryDelay: TimeInterval = 60, maxRetryDelay: TimeInterval = 3600) {
        self.throttle = throttle
        self.resendUnknown = resendUnknown
        self.retryFailed = retryFailed
        self.skipUnrenderable = skipUnrenderable
        self.maxAttempts = maxAttempts
        self.firstRetryDelay = firstRetryDelay
        self.maxRetryDelay = maxRetryDelay
    }

    /// The wait before the next attempt after `attempts` attempts.
    public func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(maxRetryDelay, firstRetryDelay * pow(2, Double(max(0, attempts - 1))))
    }

    /// The shortest time between the starts of two messages: the delay, or the rate's interval.
    public var minimumInterval: TimeInterval {
        max(throttle.delay, throttle.rate > 0 ? 1 / throttle.rate : 0)
    }

    /// How long sending `messages` takes at least at this pace (for the preview).
    public func expectedDuration(of messages: Int) -> TimeInterval {
        guard messages > 0 else { return 0 }
        let pauses = throttle.batch > 0 ? Double((messages - 1) / throttle.batch) * throttle.pause : 0
        return Double(messages - 1) * minimumInterval + pauses
    }
}
