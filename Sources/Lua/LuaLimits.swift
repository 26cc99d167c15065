/// What one call into Lua may use. A limit that is hit ends the call with a
/// `LuaError` of a limit code, even when the script catches the error with `pcall`.
public struct LuaLimits: Sendable, Hashable {
    /// Wall-clock seconds per call; `nil` for none.
    public var timeout: Double?
    /// Bytes the whole state may hold while a call runs; `nil` for none.
    public var memory: Int?
    /// Lua VM instructions per call (plus work charged by budgeted C functions); `nil` for none.
    public var instructions: Int64?
    /// Bytes `print` may write per call; `nil` for no cap.
    public var printBytes: Int?

    public init(timeout: Double? = 2.0, memory: Int? = 64 * 1024 * 1024, instructions: Int64? = nil, printBytes: Int? = 64 * 1024) {
        self.timeout = timeout
        self.memory = memory
        self.instructions = instructions
        self.printBytes = printBytes
    }

    /// 2 s, 64 MiB, no instruction cap, 64 KiB of print output per call.
    public static let `default` = LuaLimits()
    /// No limits at all: only for the host's own trusted code and benchmarks of the bare VM.
    public static let none = LuaLimits(timeout: nil, memory: nil, instructions: nil, printBytes: nil)
}
