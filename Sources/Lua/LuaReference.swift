import CLua
import CLuaShims

/// A Lua object held from Swift by identity (a slot in the registry). It stays alive in Lua
/// while this object lives; it must be used only with the state that made it.
public class LuaReference {
    weak var state: LuaState?
    let ref: Int32
    /// The Lua type name of the object.
    public let typeName: String

    init(state: LuaState, ref: Int32, typeName: String) {
        self.state = state
        self.ref = ref
        self.typeName = typeName
    }

    deinit {
        if let state, !state.isClosed { clua_unref(state.L, ref) }
    }

    /// Pushes the object onto `state`'s stack.
    func push(_ L: OpaquePointer) {
        _ = clua_getref(L, ref)
    }
}

/// A Lua function (or any callable) held from Swift.
public final class LuaFunction: LuaReference {
    /// Calls the function with the state's default limits and returns all its results.
    @discardableResult
    public func call(_ arguments: LuaValue..., limits: LuaLimits? = nil) throws(LuaError) -> [LuaValue] {
        guard let state else { throw LuaError(code: .runtime, message: "the Lua state of this function is closed") }
        return try state.call(self, arguments, limits: limits)
    }
}

/// A live Lua table, read and written with raw access (no metamethods run).
public final class LuaTableReference: LuaReference {
    /// Reads `table[key]` without metamethods.
    public subscript(key: String) -> LuaValue {
        get {
            guard let state else { return .nil }
            return state.rawGet(self, key: key)
        }
        set {
            state?.rawSet(self, key: key, value: newValue)
        }
    }

    /// A copy of the whole table.
    public func snapshot() throws(LuaError) -> LuaTable {
        guard let state else { return LuaTable() }
        let L = state.L
        push(L)
        defer { clua_pop(L, 1) }
        var budget = state.copyBudget()
        return try state.readTable(at: lua_gettop(L), depth: 0, budget: &budget)
    }
}
