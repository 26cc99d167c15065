/// `[throttle]`: how fast a mailing goes out ("disconnect after X mails and wait Y
/// seconds", "wait Z seconds between each mail").
public struct ThrottleSettings: Sendable, Hashable, Codable {
    /// Messages per connection before a pause (X, `batch`); 0 means no pauses. Default 100.
    public var batch: Int
    /// Seconds to wait after each batch (Y, `pause`). Default 10.
    public var pause: Double
    /// Seconds to wait between two messages (Z, `delay`). Default 0.
    public var delay: Double
    /// At most this many messages per second (`rate`); 0 means no limit. Default 0.
    public var rate: Double

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(batch: Int = 100, pause: Double = 10, delay: Double = 0, rate: Double = 0) {
        self.batch = batch
        self.pause = pause
        self.delay = delay
        self.rate = rate
    }
}
