@testable import Lua

/// A state with one sandbox environment, collecting what `print` writes.
final class Sandbox {
    let state: LuaState
    let env: LuaTableReference
    private let printed: PrintBox

    init(limits: LuaLimits = .default) {
        state = LuaState(limits: limits)
        let box = PrintBox()
        printed = box
        env = state.makeEnvironment { line in box.lines.append(line) }
    }

    var lines: [String] { printed.lines }

    /// Loads `code` as chunk `name` into the environment and runs it.
    @discardableResult
    func run(_ code: String, name: String = "test.lua", limits: LuaLimits? = nil, _ arguments: LuaValue...) throws(LuaError) -> [LuaValue] {
        let function = try state.load(code, chunkName: name, environment: env)
        return try state.call(function, arguments, limits: limits)
    }

    /// Runs `code` expecting a `LuaError`; returns it, or `nil` when the code succeeded.
    func failure(_ code: String, limits: LuaLimits? = nil) -> LuaError? {
        do {
            try run(code, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// The host answers another call: proof that a failure left the state usable.
    func isAlive() -> Bool {
        (try? run("return 6 * 7")) == [.integer(42)]
    }
}

final class PrintBox {
    var lines: [String] = []
}
