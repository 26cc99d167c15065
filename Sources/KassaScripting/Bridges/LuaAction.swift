import KassaCore
import Lua

/// A `kassa.menu` or `kassa.func` as the registry sees it.
final class LuaAction: ActionImplementation {
    private unowned let host: ScriptHost
    private let name: String
    private let run: LuaFunction

    init(host: ScriptHost, name: String, run: LuaFunction) {
        self.host = host
        self.name = name
        self.run = run
    }

    func run(_ context: ActionContext) throws {
        let say = host.state.makeFunction { arguments in
            context.output(arguments.map(LuaValue.displayText).joined(separator: "\t"))
            return []
        }
        let ctx = LuaTable(fields: [
            "params": .table(LuaTable(fields: context.parameters.mapValues(LuaValue.string))),
            "say": .function(say),
        ])
        do {
            try host.during(.action(name)) { _ = try host.state.call(run, [.table(ctx)]) }
        } catch {
            throw ScriptError(.actionFailed, "\"\(name)\" failed: \(error)", underlying: error)
        }
    }
}
