import CLua
import CLuaShims

/// A value a call left on the Lua stack, readable in place until the call's reader returns.
public struct LuaStackValue {
    let state: LuaState
    let index: Int32

    /// `"string"`, `"table"`, … as Lua's `type` says.
    public var typeName: String {
        String(cString: lua_typename(state.L, lua_type(state.L, index)))
    }

    /// The value copied into Swift (tables whole).
    public func value() throws(LuaError) -> LuaValue {
        try state.value(at: index)
    }

    /// Whether the value is a table.
    public var isTable: Bool { lua_type(state.L, index) == LUA_TTABLE }

    /// The table field `name` (raw access, no metamethods), copied into Swift; `nil` when the
    /// value is not a table.
    public func field(_ name: String) throws(LuaError) -> LuaValue {
        let L = state.L
        guard lua_type(L, index) == LUA_TTABLE else { return .nil }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_pushstring(L, name)
        _ = lua_rawget(L, index)
        return try state.value(at: lua_gettop(L))
    }
}
