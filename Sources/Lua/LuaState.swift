import CLua
import CLuaShims

/// One sandboxed Lua 5.4 state.
///
/// Every call into Lua is protected (`lua_pcall` with a traceback handler) and limited
/// (`LuaLimits`); Swift functions called from Lua never raise through a Swift frame: they
/// return, and a C trampoline raises their error afterwards. A state is not thread-safe: use
/// it from one thread or actor at a time, and give parallel work states of their own.
public final class LuaState {
    /// The main thread, which owns the state.
    private let mainThread: OpaquePointer
    /// The thread host code works on now: the main thread, or the coroutine whose call into
    /// Swift is running, so a nested call runs on the thread that made it, never on a thread
    /// that is waiting in a resume.
    private(set) var L: OpaquePointer
    let sandbox: UnsafeMutablePointer<clua_sandbox>
    /// Limits applied to each outermost call unless the call names its own.
    public var limits: LuaLimits
    private(set) var isClosed = false
    private var hostFunctions: [HostFunction] = []
    private(set) var callDepth = 0
    private var tostringRef: Int32 = 0

    /// Opens a state with the sandbox prepared.
    /// - Parameter hookInterval: instructions between two checks when an instruction limit is
    ///   set. The deadline needs no hook at all: a timer signal installs one when it passes.
    public init(limits: LuaLimits = .default, hookInterval: Int = 1000) {
        self.limits = limits
        sandbox = .allocate(capacity: 1)
        guard let state = clua_open(sandbox, Int32(hookInterval)) else {
            fatalError("Lua could not allocate a new state")
        }
        mainThread = state
        L = state
        clua_set_host_dispatcher { L, context in
            let function = Unmanaged<HostFunction>.fromOpaque(context!).takeUnretainedValue()
            return function.invoke(L!)
        }
        clua_prepare_sandbox(L)
        _ = lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        pushString("tostring")
        _ = lua_rawget(L, -2)
        tostringRef = clua_ref(L)
        clua_pop(L, 1)
    }

    deinit {
        isClosed = true
        lua_close(mainThread)
        sandbox.deallocate()
    }

    /// Bytes the state holds now, and the most it held.
    public var memoryInUse: Int { Int(sandbox.pointee.memory_used) }
    public var peakMemory: Int { Int(sandbox.pointee.memory_peak) }

    // MARK: Loading

    /// Compiles text (never bytecode) into a function whose globals are `environment`.
    /// - Parameter chunkName: how errors name the chunk, e.g. `plugins/acme.lua`.
    public func load(_ code: String, chunkName: String, environment: LuaTableReference?) throws(LuaError) -> LuaFunction {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        if let environment { environment.push(L) }
        let envIndex: Int32 = environment == nil ? 0 : lua_gettop(L)
        var text = code
        let status = text.withUTF8 { buffer in
            clua_load_text(L, buffer.baseAddress, buffer.count, "@" + chunkName, envIndex)
        }
        if status != LUA_OK { throw error(fromStatus: status) }
        return LuaFunction(state: self, ref: clua_ref(L), typeName: "function")
    }

    /// A fresh sandbox environment: the safe libraries, each as this environment's own copy.
    /// - Parameter print: where `print` output goes; `nil` discards it.
    public func makeEnvironment(print: ((String) -> Void)? = nil) -> LuaTableReference {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        var printIndex: Int32 = 0
        if let print {
            pushHostFunction(.values { arguments in
                print(arguments.first?.stringValue ?? "")
                return []
            })
            printIndex = lua_gettop(L)
        }
        clua_push_sandbox_env(L, printIndex)
        return LuaTableReference(state: self, ref: clua_ref(L), typeName: "table")
    }

    /// A new empty table held from Swift.
    public func makeTable() -> LuaTableReference {
        lua_createtable(L, 0, 0)
        return LuaTableReference(state: self, ref: clua_ref(L), typeName: "table")
    }

    // MARK: Calling

    /// Calls `function` with `arguments` under `limits` (the state's own when `nil`) and
    /// returns every result. Nested calls (from a Swift function Lua called) share the budget
    /// of the outermost call.
    @discardableResult
    public func call(_ function: LuaFunction, _ arguments: [LuaValue], limits: LuaLimits? = nil) throws(LuaError) -> [LuaValue] {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        _ = lua_checkstack(L, Int32(arguments.count) + 4)
        function.push(L)
        for argument in arguments { push(argument) }
        var results: [LuaValue] = []
        // The results are copied while the call's limits still hold: they count against them.
        try protectedCall(arguments: Int32(arguments.count), results: LUA_MULTRET, limits: limits ?? self.limits) { () throws(LuaError) in
            results = try values(from: top + 1, to: lua_gettop(L))
        }
        return results
    }

    /// The values at `first...last` copied into Swift, charged to one budget.
    func values(from first: Int32, to last: Int32) throws(LuaError) -> [LuaValue] {
        guard first <= last else { return [] }
        var budget = copyBudget()
        var values: [LuaValue] = []
        values.reserveCapacity(Int(last - first + 1))
        for index in first...last { values.append(try value(at: index, depth: 0, budget: &budget)) }
        return values
    }

    /// Runs the function and its arguments already pushed (`arguments` of them above it) in a
    /// protected, limited call, leaving `results` values (or all, for `LUA_MULTRET`).
    /// - Parameter read: runs after a successful call while its limits still hold, to copy the
    ///   results into Swift within the call's budget.
    func protectedCall(arguments: Int32, results: Int32, limits: LuaLimits, read: () throws(LuaError) -> Void = {}) throws(LuaError) {
        let outermost = callDepth == 0
        if outermost {
            clua_arm(
                L,
                limits.timeout ?? 0,
                limits.instructions ?? 0,
                limits.memory.map { Int($0) } ?? 0,
                limits.printBytes.map { Int64($0) } ?? -1
            )
        }
        callDepth += 1
        let status = clua_pcall_traceback(L, arguments, results)
        var readError: LuaError?
        if status == LUA_OK, sandbox.pointee.limit_hit == CLUA_LIMIT_NONE {
            do throws(LuaError) { try read() } catch { readError = error }
        }
        callDepth -= 1
        let hit = outermost ? clua_disarm(L) : sandbox.pointee.limit_hit
        if hit != CLUA_LIMIT_NONE {
            let cause = status == LUA_OK ? readError : error(fromStatus: status)
            throw limitError(hit, limits: limits, cause: cause)
        }
        if status != LUA_OK { throw error(fromStatus: status) }
        if let readError { throw readError }
    }

    private func limitError(_ hit: clua_limit, limits: LuaLimits, cause: LuaError?) -> LuaError {
        let code: LuaError.Code
        switch hit {
        case CLUA_LIMIT_TIME: code = .timeLimit
        case CLUA_LIMIT_INSTRUCTIONS: code = .instructionLimit
        default: code = .memoryLimit
        }
        let message = Self.limitMessage(hit, timeout: limits.timeout ?? 0, memory: limits.memory ?? 0, instructions: limits.instructions ?? 0)
        // Keep the position only when the error that ended the call is the limit's own, and
        // its wording when it says more ("... while copying a Lua value into the host").
        if let cause, cause.message.hasSuffix(message) || cause.message.hasPrefix(message) || cause.code == code {
            let detailed = cause.message.hasPrefix(message) ? cause.message : message
            return LuaError(code: code, message: detailed, chunk: cause.chunk, line: cause.line, traceback: cause.traceback)
        }
        return LuaError(code: code, message: message, traceback: cause?.traceback)
    }

    /// "time limit of 2 s exceeded", "memory limit of 64 MiB exceeded", …
    static func limitMessage(_ limit: clua_limit, timeout: Double, memory: Int, instructions: Int64) -> String {
        switch limit {
        case CLUA_LIMIT_TIME:
            return "time limit of \(format(seconds: timeout)) s exceeded"
        case CLUA_LIMIT_INSTRUCTIONS:
            return "instruction limit of \(instructions) exceeded"
        default:
            return memory % (1024 * 1024) == 0
                ? "memory limit of \(memory / (1024 * 1024)) MiB exceeded"
                : "memory limit of \(memory) bytes exceeded"
        }
    }

    static func format(seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e15 { return String(Int64(seconds)) }
        return String(seconds)
    }

    /// Turns the error object on top of the stack into a `LuaError` (and pops nothing).
    func error(fromStatus status: Int32) -> LuaError {
        let code: LuaError.Code
        switch status {
        case LUA_ERRSYNTAX: code = .syntax
        case LUA_ERRMEM: code = .memoryLimit
        default: code = .runtime
        }
        if lua_type(L, -1) == LUA_TSTRING {
            return LuaError.parse(code: code, text: string(at: -1), traceback: nil)
        }
        let traceback = clua_last_traceback(L).map { String(cString: $0) }
        let text = describeErrorObject(at: lua_gettop(L))
        var parsed = LuaError.parse(code: code, text: text, traceback: nil)
        parsed.traceback = traceback
        return parsed
    }

    /// A message for an error object that is not a string. Its `__tostring` runs only in a
    /// protected call with a small budget of its own: it may loop or fail.
    private func describeErrorObject(at index: Int32) -> String {
        let type = lua_type(L, index)
        guard type == LUA_TTABLE || type == LUA_TUSERDATA, callDepth == 0,
              lua_getmetatable(L, index) != 0 else {
            clua_push_error_text(L, index)
            defer { clua_pop(L, 1) }
            return string(at: -1)
        }
        // Raw: a metatable may have a metatable of its own whose __index runs code.
        pushString("__tostring")
        _ = lua_rawget(L, -2)
        let hasToString = lua_type(L, -1) != LUA_TNIL
        clua_pop(L, 2)
        let typeName = String(cString: lua_typename(L, type))
        guard hasToString else { return "(error object is a \(typeName) value)" }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        _ = clua_getref(L, tostringRef)
        lua_pushvalue(L, index)
        let budget = LuaLimits(timeout: 0.1, memory: Int(sandbox.pointee.memory_used) + 1024 * 1024, instructions: 10_000_000, printBytes: 0)
        do {
            try protectedCall(arguments: 1, results: 1, limits: budget)
            if lua_type(L, -1) == LUA_TSTRING { return string(at: -1) }
        } catch {}
        return "(error object is a \(typeName) value whose __tostring failed)"
    }

    // MARK: Host functions

    /// A Lua function that runs `body`. Its arguments arrive converted; a thrown error becomes
    /// a Lua error at the caller's line (`pcall` can catch it), raised only after `body` has
    /// returned, so its `defer`s run and nothing leaks.
    public func makeFunction(_ body: @escaping ([LuaValue]) throws -> [LuaValue]) -> LuaFunction {
        pushHostFunction(.values(body))
        return LuaFunction(state: self, ref: clua_ref(L), typeName: "function")
    }

    func pushHostFunction(_ body: HostFunction.Body) {
        let function = HostFunction(state: self, body: body)
        hostFunctions.append(function)
        clua_push_host_function(L, Unmanaged.passUnretained(function).toOpaque())
    }

    /// Makes `thread` current for a Swift function it called; returns the one to restore.
    func enter(_ thread: OpaquePointer) -> OpaquePointer {
        let previous = L
        L = thread
        return previous
    }

    func leave(to previous: OpaquePointer) { L = previous }

    // MARK: Raw table access

    func rawGet(_ table: LuaTableReference, key: String) -> LuaValue {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        table.push(L)
        pushString(key)
        _ = lua_rawget(L, -2)
        return (try? value(at: -1)) ?? .nil
    }

    func rawSet(_ table: LuaTableReference, key: String, value: LuaValue) {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        table.push(L)
        pushString(key)
        push(value)
        lua_rawset(L, -3)
    }
}

/// A Swift function callable from Lua. Kept alive by its state.
final class HostFunction {
    enum Body {
        /// Arguments and results converted to `LuaValue`.
        case values(([LuaValue]) throws -> [LuaValue])
        /// Works on the stack directly; returns the number of results pushed.
        case raw((OpaquePointer) throws -> Int32)
    }

    // The state owns its host functions, so it outlives them: no reference counting on each call.
    unowned(unsafe) let state: LuaState
    let body: Body

    init(state: LuaState, body: Body) {
        self.state = state
        self.body = body
    }

    /// Runs the body. Returns the number of results, or -1 with an error value pushed.
    func invoke(_ L: OpaquePointer) -> Int32 {
        let previous = state.enter(L)
        defer { state.leave(to: previous) }
        do {
            switch body {
            case .raw(let raw):
                return try raw(L)
            case .values(let function):
                let arguments: [LuaValue]
                do {
                    arguments = try state.values(from: 1, to: lua_gettop(L))
                } catch {
                    // A limit met while copying: say where the script handed the value over.
                    var located = error
                    if located.chunk == nil, let caller = state.callerLocation() ?? state.callerLocation(level: 2) {
                        located.chunk = caller.chunk
                        located.line = caller.line
                    }
                    throw located
                }
                let results = try function(arguments)
                _ = lua_checkstack(L, Int32(results.count) + 1)
                for result in results { state.push(result) }
                return Int32(results.count)
            }
        } catch let error as LuaError {
            // Already positioned by Lua (a nested call failed): pass it on as it is.
            state.pushString(error.description)
            return -1
        } catch {
            clua_push_where(L, 1)
            state.pushString(String(describing: error))
            lua_concat(L, 2)
            return -1
        }
    }
}

extension LuaState {
    /// Where the Lua code that called the running Swift function is: chunk and line.
    /// Only meaningful inside a function made with `makeFunction`.
    public func callerLocation(level: Int = 1) -> (chunk: String, line: Int)? {
        clua_push_where(L, Int32(level))
        let text = string(at: -1)
        clua_pop(L, 1)
        // "chunk:line: "
        guard text.hasSuffix(": ") else { return nil }
        let trimmed = text.dropLast(2)
        guard let colon = trimmed.lastIndex(of: ":"), let line = Int(trimmed[trimmed.index(after: colon)...]) else { return nil }
        return (String(trimmed[..<colon]), line)
    }
}
