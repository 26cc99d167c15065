/// How long to wait before trying again after a temporary failure (4xx, 421, a timeout, a
/// lost connection): exponential back-off with a cap and jitter.
///
/// The n-th consecutive failure waits about `initialDelay × multiplier^(n-1)`, at most
/// `maximumDelay`. Half of each delay is random ("equal jitter"), so that many messages
/// deferred by the same 421 do not all come back in the same second.
public struct SMTPRetryPolicy: Sendable, Hashable {
    /// The wait after the first failure (before jitter).
    public var initialDelay: Duration
    /// The factor between consecutive waits.
    public var multiplier: Double
    /// The longest wait.
    public var maximumDelay: Duration

    /// A policy; the defaults (1 minute, doubling, at most 1 hour) suit greylisting servers,
    /// which typically accept a retry after a few minutes.
    public init(initialDelay: Duration = .seconds(60), multiplier: Double = 2, maximumDelay: Duration = .seconds(3600)) {
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
    }

    /// The wait before the next attempt, without jitter, after `failures` consecutive
    /// temporary failures (1 or more).
    public func nominalDelay(afterFailures failures: Int) -> Duration {
        let maximum = Self.seconds(maximumDelay)
        var seconds = Self.seconds(initialDelay)
        // Multiply step by step so that a large count saturates at the cap instead of
        // overflowing to infinity.
        for _ in 1..<max(failures, 1) {
            seconds *= multiplier
            if seconds >= maximum { break }
        }
        return .milliseconds(Int64(min(seconds, maximum) * 1000))
    }

    /// The wait before the next attempt: between half and all of `nominalDelay`.
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let nominal = Self.seconds(nominalDelay(afterFailures: failures))
        let seconds = nominal / 2 + Double.random(in: 0...(nominal / 2), using: &generator)
        return .milliseconds(Int64(seconds * 1000))
    }

    /// The wait before the next attempt, with system randomness.
    public func delay(afterFailures failures: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailures: failures, using: &generator)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
