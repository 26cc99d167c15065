/// Where a running send is, for a progress display.
public struct SendProgress: Sendable, Hashable {
    public var sent: Int
    public var failed: Int
    /// Messages not yet sent (pending and retry).
    public var left: Int
    /// Seconds since this run began.
    public var elapsed: Double

    public init(sent: Int, failed: Int, left: Int, elapsed: Double) {
        self.sent = sent
        self.failed = failed
        self.left = left
        self.elapsed = elapsed
    }

    /// Messages per second so far.
    public var rate: Double { elapsed > 0 ? Double(sent + failed) / elapsed : 0 }
}
