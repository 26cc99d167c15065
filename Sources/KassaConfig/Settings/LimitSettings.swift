/// `[limits]`: what one call of a plugin may spend.
public struct LimitSettings: Sendable, Hashable {
    /// The wall-clock budget of one call, in seconds (`script_timeout`). Default 2.
    public var scriptTimeout: Double
    /// The memory cap of a script, in MiB (`script_memory_mb`). Default 64.
    public var scriptMemoryMB: Int

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(scriptTimeout: Double = 2.0, scriptMemoryMB: Int = 64) {
        self.scriptTimeout = scriptTimeout
        self.scriptMemoryMB = scriptMemoryMB
    }

    /// The memory cap in bytes.
    public var scriptMemoryBytes: Int { scriptMemoryMB * 1_048_576 }

    /// The largest `script_memory_mb` accepted: 1 TiB, far above any machine Kassa runs on.
    public static let maximumScriptMemoryMB = 1_048_576
}
