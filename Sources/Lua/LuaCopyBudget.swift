import CLua
import CLuaShims

/// What one copy of Lua values into Swift may still use: the rest of the memory cap and of the
/// time budget of the call it belongs to.
///
/// A copy follows every table it meets, shared ones again at each visit, so a few kilobytes of
/// Lua (`t = {t, t}` twenty times) would become millions of Swift values. Each value copied is
/// charged what it takes in Swift, estimated, and the clock is checked every few hundred values:
/// past either limit the copy stops with the limit's error. A copy may take as much as the
/// memory cap, so what reaches Swift is never larger than what the script could hold in Lua.
///
/// Inside a call (the arguments of a host function, a call's results before it returns) the
/// copy draws on that call's own budget, and a limit it reaches fails the call even if the
/// script catches the error. Outside any call (a host reading a live table) it gets the state's
/// limits afresh.
struct LuaCopyBudget {
    /// Estimated bytes of Swift memory per value, per table, per keyed field and per reference.
    static let valueBytes = 24
    static let tableBytes = 96
    static let fieldBytes = 48
    static let referenceBytes = 48
    /// Values copied between two looks at the clock.
    static let checkInterval = 256

    private let L: OpaquePointer
    private let sandbox: UnsafeMutablePointer<clua_sandbox>
    /// Whether the copy runs inside an armed call, drawing on its budget.
    private let insideCall: Bool
    private var bytesLeft: Int
    private let memoryLimit: Int
    /// Outside a call: the deadline of this copy; 0 for none.
    private let deadline: Double
    private let timeout: Double
    private var untilCheck = LuaCopyBudget.checkInterval

    init(state: LuaState, sandbox: UnsafeMutablePointer<clua_sandbox>, insideCall: Bool) {
        L = state.L
        self.sandbox = sandbox
        self.insideCall = insideCall
        if insideCall {
            memoryLimit = Int(sandbox.pointee.memory_limit)
            timeout = sandbox.pointee.timeout_seconds
            deadline = 0
        } else {
            memoryLimit = state.limits.memory ?? 0
            timeout = state.limits.timeout ?? 0
            deadline = timeout > 0 ? clua_now() + timeout : 0
        }
        // The copy alone may take up to the cap. (Not the cap less what Lua holds: that counts
        // garbage not yet collected, and would refuse even a number after a large call.)
        bytesLeft = memoryLimit > 0 ? memoryLimit : Int.max
    }

    /// Charges one value of `bytes` estimated bytes; throws once a limit is passed.
    mutating func charge(_ bytes: Int) throws(LuaError) {
        bytesLeft -= bytes
        if bytesLeft < 0 { throw exceeded(CLUA_LIMIT_MEMORY) }
        untilCheck -= 1
        if untilCheck > 0 { return }
        untilCheck = Self.checkInterval
        if insideCall {
            if clua_budget_charge(L, Self.checkInterval) != 0 { throw exceeded(sandbox.pointee.limit_hit) }
        } else if deadline > 0, clua_now() > deadline {
            throw exceeded(CLUA_LIMIT_TIME)
        }
    }

    private func exceeded(_ limit: clua_limit) -> LuaError {
        if insideCall { clua_limit_reached(L, limit) }
        let code: LuaError.Code
        switch limit {
        case CLUA_LIMIT_MEMORY: code = .memoryLimit
        case CLUA_LIMIT_INSTRUCTIONS: code = .instructionLimit
        default: code = .timeLimit
        }
        let message = LuaState.limitMessage(
            limit, timeout: timeout, memory: memoryLimit, instructions: Int64(sandbox.pointee.instruction_limit))
        return LuaError(code: code, message: message + " while copying a Lua value into the host")
    }
}
