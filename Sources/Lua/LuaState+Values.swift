import CLua
import CLuaShims

extension LuaState {
    /// Tables nested deeper than this are refused when copied to Swift (cycles end here too).
    static let maximumTableDepth = 64

    /// Pushes a Swift value.
    func push(_ value: LuaValue) {
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let flag): lua_pushboolean(L, flag ? 1 : 0)
        case .integer(let integer): lua_pushinteger(L, lua_Integer(integer))
        case .number(let number): lua_pushnumber(L, number)
        case .string(let string): pushString(string)
        case .table(let table): push(table)
        case .function(let function): function.push(L)
        case .reference(let reference): reference.push(L)
        }
    }

    /// Pushes the UTF-8 bytes of `string` without an intermediate C string.
    func pushString(_ string: String) {
        var string = string
        string.withUTF8 { buffer in
            _ = lua_pushlstring(L, buffer.baseAddress, buffer.count)
        }
    }

    private func push(_ table: LuaTable) {
        _ = lua_checkstack(L, 4)
        lua_createtable(L, Int32(table.array.count), Int32(table.fields.count + table.indexed.count))
        for (offset, element) in table.array.enumerated() {
            push(element)
            lua_rawseti(L, -2, lua_Integer(offset + 1))
        }
        for (key, element) in table.indexed {
            push(element)
            lua_rawseti(L, -2, lua_Integer(key))
        }
        for (key, element) in table.fields {
            pushString(key)
            push(element)
            lua_rawset(L, -3)
        }
    }

    /// The string at `index` (which must be a string or a number).
    func string(at index: Int32) -> String {
        var length = 0
        guard let bytes = clua_tolstring(L, index, &length) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    /// A budget for one copy into Swift: the running call's, or the state's limits afresh.
    func copyBudget() -> LuaCopyBudget {
        LuaCopyBudget(state: self, sandbox: sandbox, insideCall: callDepth > 0)
    }

    /// The value at `index`, tables copied, functions and other objects referenced; the copy
    /// is charged to a budget of its own (see `LuaCopyBudget`).
    func value(at index: Int32) throws(LuaError) -> LuaValue {
        var budget = copyBudget()
        return try value(at: index, depth: 0, budget: &budget)
    }

    /// The value at `index`, charged to `budget`.
    func value(at index: Int32, depth: Int, budget: inout LuaCopyBudget) throws(LuaError) -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE:
            try budget.charge(LuaCopyBudget.valueBytes)
            return .nil
        case LUA_TBOOLEAN:
            try budget.charge(LuaCopyBudget.valueBytes)
            return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            try budget.charge(LuaCopyBudget.valueBytes)
            if lua_isinteger(L, index) != 0 { return .integer(Int64(clua_tointeger(L, index, nil))) }
            return .number(clua_tonumber(L, index, nil))
        case LUA_TSTRING:
            try budget.charge(LuaCopyBudget.valueBytes + Int(lua_rawlen(L, index)))
            return .string(string(at: index))
        case LUA_TTABLE:
            try budget.charge(LuaCopyBudget.valueBytes + LuaCopyBudget.tableBytes)
            return .table(try readTable(at: index, depth: depth, budget: &budget))
        case LUA_TFUNCTION:
            try budget.charge(LuaCopyBudget.valueBytes + LuaCopyBudget.referenceBytes)
            lua_pushvalue(L, index)
            return .function(LuaFunction(state: self, ref: clua_ref(L), typeName: "function"))
        default:
            try budget.charge(LuaCopyBudget.valueBytes + LuaCopyBudget.referenceBytes)
            let typeName = String(cString: lua_typename(L, lua_type(L, index)))
            lua_pushvalue(L, index)
            return .reference(LuaReference(state: self, ref: clua_ref(L), typeName: typeName))
        }
    }

    /// Copies the table at `index` without running metamethods, charged to `budget`.
    func readTable(at index: Int32, depth: Int, budget: inout LuaCopyBudget) throws(LuaError) -> LuaTable {
        guard depth < Self.maximumTableDepth else {
            throw LuaError(code: .conversion, message: "table nested more than \(Self.maximumTableDepth) levels deep (is it a cycle?)")
        }
        let table = lua_absindex(L, index)
        _ = lua_checkstack(L, 4)
        var integers: [Int64: LuaValue] = [:]
        var fields: [String: LuaValue] = [:]
        lua_pushnil(L)
        while lua_next(L, table) != 0 {
            let element: LuaValue
            do {
                element = try value(at: -1, depth: depth + 1, budget: &budget)
                try budget.charge(LuaCopyBudget.fieldBytes + (lua_type(L, -2) == LUA_TSTRING ? Int(lua_rawlen(L, -2)) : 0))
            } catch {
                clua_pop(L, 2)
                throw error
            }
            switch lua_type(L, -2) {
            case LUA_TSTRING:
                fields[string(at: -2)] = element
            case LUA_TNUMBER where lua_isinteger(L, -2) != 0:
                integers[Int64(clua_tointeger(L, -2, nil))] = element
            default:
                let keyType = String(cString: lua_typename(L, lua_type(L, -2)))
                clua_pop(L, 2)
                throw LuaError(code: .conversion, message: "table has a \(keyType) key; only string and integer keys can be read")
            }
            clua_pop(L, 1)
        }
        var array: [LuaValue] = []
        var next: Int64 = 1
        while let element = integers.removeValue(forKey: next) {
            array.append(element)
            next += 1
        }
        return LuaTable(array: array, fields: fields, indexed: integers)
    }
}
