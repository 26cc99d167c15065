import KassaCore
import Lua

/// A `kassa.on(event, fn)` handler.
final class LuaEventHandler: EventHandler {
    private unowned let host: ScriptHost
    private let function: LuaFunction

    init(host: ScriptHost, function: LuaFunction) {
        self.host = host
        self.function = function
    }

    func handle(_ event: KassaEvent) throws {
        var fields = event.payload.mapValues(LuaValue.string)
        fields["name"] = .string(event.name)
        try host.state.call(function, [.table(LuaTable(fields: fields))])
    }
}
