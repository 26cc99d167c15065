import KassaCore
import Lua

/// A `kassa.on(event, fn)` handler: runs sandboxed as `.event`, with its plugin's grants.
final class LuaEventHandler: EventHandler {
    private unowned let host: ScriptHost
    private let event: String
    private let function: LuaFunction

    init(host: ScriptHost, event: String, function: LuaFunction) {
        self.host = host
        self.event = event
        self.function = function
    }

    func handle(_ event: KassaEvent) throws {
        var fields = event.payload.mapValues(\.luaValue)
        fields["name"] = .string(event.name)
        try host.during(.event(self.event)) {
            _ = try host.state.call(function, [.table(LuaTable(fields: fields))])
        }
    }
}
