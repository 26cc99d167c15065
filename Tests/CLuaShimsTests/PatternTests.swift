import CLua
import CLuaShims
import Testing

/// The budgeted `find`/`match`/`gmatch`/`gsub` of `clua_pattern.c`, checked against Lua's own
/// string library in the same `lua_State`: every call is made through both, and the results,
/// errors and the arguments passed to replacement functions must be identical. The state is a
/// sandbox state (`clua_open`), since the budget the functions report to lives there.
@Suite("Budgeted Lua patterns")
struct PatternTests {

    // MARK: Differential

    @Test("Thousands of random calls agree with Lua's string library", arguments: [1, 2, 3, 4] as [UInt64])
    func randomCallsAgreeWithLua(seed: UInt64) throws {
        let lab = try PatternLab()
        var generator = PatternCallGenerator(seed: seed)
        var mismatches: [String] = []
        for _ in 0..<4000 {
            let call = generator.next()
            let reference = try lab.run(call, library: "string")
            let ours = try lab.run(call, library: "budgeted")
            if reference != ours {
                mismatches.append("\(call)\n  lua:  \(reference)\n  ours: \(ours)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5).joined(separator: "\n"))")
    }

    @Test("Long patterns (compiled outside the stack buffers) agree with Lua")
    func longPatternsAgreeWithLua() throws {
        let lab = try PatternLab()
        var generator = PatternCallGenerator(seed: 99, itemsPerPattern: 20...45)
        var mismatches: [String] = []
        for _ in 0..<1000 {
            let call = generator.next()
            let reference = try lab.run(call, library: "string")
            let ours = try lab.run(call, library: "budgeted")
            if reference != ours { mismatches.append("\(call)\n  lua:  \(reference)\n  ours: \(ours)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5).joined(separator: "\n"))")
    }

    // MARK: Cases from the manual

    /// A Lua expression over the library `S`, and its result as the manual describes it.
    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let expected: String
        var testDescription: String { expression }
    }

    static let manualCases: [Case] = [
        // find: positions, captures, init, plain
        Case(expression: #"S.find("hello world", "o w")"#, expected: "5, 7"),
        Case(expression: #"S.find("THE (quick) fox", "%((%a+)%)")"#, expected: #"5, 11, "quick""#),
        Case(expression: #"S.find("a.b", ".", 1, true)"#, expected: "2, 2"),
        Case(expression: #"S.find("a+b", "+", 1, true)"#, expected: "2, 2"),
        Case(expression: #"S.find("a+b", "a+b")"#, expected: "nil"),
        Case(expression: #"S.find("abc", "b", 10)"#, expected: "nil"),
        Case(expression: #"S.find("abc", "", 4)"#, expected: "4, 3"),
        Case(expression: #"S.find("abc", "", 5)"#, expected: "nil"),
        Case(expression: #"S.find("abcabc", "b", -3)"#, expected: "5, 5"),
        Case(expression: #"S.find("abc", "a", -10)"#, expected: "1, 1"),
        Case(expression: #"S.find("abc", "^b", 2)"#, expected: "2, 2"),
        Case(expression: #"S.find("abc", "^b")"#, expected: "nil"),
        Case(expression: #"S.find("a\0b", "%z")"#, expected: "2, 2"),
        Case(expression: #"S.find("a]b", "[]]")"#, expected: "2, 2"),
        Case(expression: #"S.find("abc", "a)")"#, expected: "nil"),
        // position captures
        Case(expression: #"S.find("hello", "()ll()")"#, expected: "3, 4, 3, 5"),
        Case(expression: #"S.match("hello", "()ll()")"#, expected: "3, 5"),
        // %b and %f
        Case(expression: #"S.match("f(a(b)c) d", "%b()")"#, expected: #""(a(b)c)""#),
        Case(expression: #"S.match("THE (quick) fox", "%f[%a]%a+", 5)"#, expected: #""quick""#),
        Case(expression: #"S.gsub("THE (quick) fox", "%f[%a]%u+%f[%A]", "X")"#, expected: #""X (quick) fox", 1"#),
        Case(expression: #"S.find("abc", "%f[%w]%w+$")"#, expected: "1, 3"),
        // back references and anchors
        Case(expression: #"S.match([[say "hi" now]], "([\"'])(.-)%1")"#, expected: #""\"", "hi""#),
        Case(expression: #"S.match("  key = value  ", "^%s*(%S+)%s*=%s*(%S+)%s*$")"#, expected: #""key", "value""#),
        // gmatch: '^' is an ordinary character in 5.4; init; empty matches
        Case(expression: #"collect(S.gmatch("^a^a", "^a"))"#, expected: #""^a", "^a""#),
        Case(expression: #"collect(S.gmatch("aaa", "^a"))"#, expected: ""),
        Case(expression: #"collect(S.gmatch("one two three", "%a+", 5))"#, expected: #""two", "three""#),
        Case(expression: #"collect(S.gmatch("one two", "%a+", -3))"#, expected: #""two""#),
        Case(expression: #"collect(S.gmatch("abc", "%a", 10))"#, expected: ""),
        Case(expression: #"collect(S.gmatch("abc", "b*"))"#, expected: #""", "b", """#),
        Case(expression: #"collect(S.gmatch("k=v, x=y", "(%w+)=(%w+)"))"#, expected: #""k", "v", "x", "y""#),
        // gsub: string, table and function replacements, n, empty matches, anchor
        Case(expression: #"S.gsub("hello world", "(%w+)", "%1 %1")"#, expected: #""hello hello world world", 2"#),
        Case(expression: #"S.gsub("hello world", "%w+", "%0 %0", 1)"#, expected: #""hello hello world", 1"#),
        Case(expression: #"S.gsub("hello world from Lua", "(%w+)%s*(%w+)", "%2 %1")"#, expected: #""world hello Lua from", 2"#),
        Case(expression: #"S.gsub("$name-$version", "%$(%w+)", {name = "lua", version = 5.4})"#, expected: #""lua-5.4", 2"#),
        Case(expression: #"S.gsub("a b c", "%a", function(x) if x == "b" then return false elseif x == "c" then return nil end return x:upper() end)"#, expected: #""A b c", 3"#),
        Case(expression: #"S.gsub("abc", "%w", "%1")"#, expected: #""abc", 3"#),
        Case(expression: #"S.gsub("abc", "(%w)()", "%2")"#, expected: #""234", 3"#),
        Case(expression: #"S.gsub("abc", "", "-")"#, expected: #""-a-b-c-", 4"#),
        Case(expression: #"S.gsub("abc", "b*", "-")"#, expected: #""-a-c-", 3"#),
        Case(expression: #"S.gsub("abc", "^", ">")"#, expected: #"">abc", 1"#),
        Case(expression: #"S.gsub("aaa", "^a", "b")"#, expected: #""baa", 1"#),
        Case(expression: #"S.gsub("abc", "%w", "%%")"#, expected: #""%%%", 3"#),
        Case(expression: #"S.gsub("abc", "%w", "x", 0)"#, expected: #""abc", 0"#),
        Case(expression: #"S.gsub("abc", "%w", "x", -1)"#, expected: #""abc", 0"#),
        Case(expression: #"S.gsub(12345, 3, 9)"#, expected: #""12945", 1"#),
        // errors, raised when the matcher reaches the bad item
        Case(expression: #"S.find("abc", "x%")"#, expected: "nil"),
        Case(expression: #"S.find("abc", "a%")"#, expected: "error: malformed pattern (ends with '%')"),
        Case(expression: #"S.find("abc", "[a")"#, expected: "error: malformed pattern (missing ']')"),
        Case(expression: #"S.find("abc", "%f")"#, expected: "error: missing '[' after '%f' in pattern"),
        Case(expression: #"S.find("abc", "%b(")"#, expected: "error: malformed pattern (missing arguments to '%b')"),
        Case(expression: #"S.find("abc", "(%1)")"#, expected: "error: invalid capture index %1"),
        Case(expression: #"S.match("abc", "a)")"#, expected: "error: invalid pattern capture"),
        Case(expression: #"S.find("abc", "(a")"#, expected: "error: unfinished capture"),
        Case(expression: #"S.find("a", string.rep("(", 33) .. "a" .. string.rep(")", 33))"#, expected: "error: too many captures"),
        Case(expression: #"S.gsub("abc", "b", "%")"#, expected: "error: invalid use of '%' in replacement string"),
        Case(expression: #"S.gsub("abc", "(b)", "%2")"#, expected: "error: invalid capture index %2"),
        Case(expression: #"S.gsub("abc", "b", {b = {}})"#, expected: "error: invalid replacement value (a table)"),
        Case(expression: #"S.gsub("abc", "b", true)"#, expected: "error: bad argument #3 to 'gsub' (string/function/table expected, got boolean)"),
        Case(expression: #"S.find("abc", "b", 1.5)"#, expected: "error: bad argument #3 to 'find' (number has no integer representation)"),
        // recursion depth, as in stock Lua (200 levels)
        Case(expression: #"S.find(string.rep("a", 300), string.rep("a?", 199))"#, expected: "1, 199"),
        Case(expression: #"S.find(string.rep("a", 300), string.rep("a?", 200))"#, expected: "error: pattern too complex"),
    ]

    @Test("Manual examples give the documented result, as in Lua", arguments: manualCases)
    func manualExample(_ example: Case) throws {
        let lab = try PatternLab()
        let reference = try lab.evaluate(example.expression, library: "string")
        let ours = try lab.evaluate(example.expression, library: "budgeted")
        #expect(reference == example.expected, "stock Lua disagrees with the expectation")
        #expect(ours == example.expected)
    }

    @Test("gsub passes every capture to a replacement function, in order")
    func gsubFunctionArguments() throws {
        let lab = try PatternLab()
        let expression = #"(function() local seen = {}; S.gsub("k=v; x=yy", "()(%w+)=(%w+)", function(...) seen[#seen + 1] = table.concat({...}, "|") end); return table.concat(seen, " ") end)()"#
        #expect(try lab.evaluate(expression, library: "budgeted") == #""1|k|v 6|x|yy""#)
    }

    // MARK: Budget

    @Test("A pathological pattern ends with the limit's error instead of running on",
          .timeLimit(.minutes(1)), arguments: [
        #"return budgeted.find(string.rep("a", 30000), ".-.-.-.-.-b")"#,
        #"return budgeted.gsub(string.rep("(", 30000), "%b()", "")"#,
        #"for a in budgeted.gmatch(string.rep("a", 30000), "(a*)(a*)(a*)b") do end"#,
        #"return budgeted.match(string.rep("x", 20000), "(.-)%1%1y")"#,
        #"return budgeted.find(string.rep("a", 200000), string.rep("a", 9000) .. "b", 1, true)"#,
    ])
    func pathologicalPatternStops(code: String) throws {
        let lab = try PatternLab()
        let outcome = lab.runArmed(code, instructionLimit: 2_000_000)
        #expect(outcome.limit == CLUA_LIMIT_INSTRUCTIONS)
        #expect(outcome.message.hasSuffix("instruction limit of 2000000 exceeded"), "\(outcome.message)")
    }

    @Test("Work in many small calls is charged too")
    func smallCallsAreCharged() throws {
        let lab = try PatternLab()
        func loop(_ library: String) -> String {
            "for i = 1, 10000 do \(library).find(\"order 12345 shipped\", \"%d+\") end"
        }
        let stock = lab.runArmed(loop("string"), instructionLimit: 1 << 40)
        let budgeted = lab.runArmed(loop("budgeted"), instructionLimit: 1 << 40)
        #expect(stock.limit == CLUA_LIMIT_NONE && budgeted.limit == CLUA_LIMIT_NONE)
        // Each call skips 6 bytes and matches 5 digits: more than 10 steps, charged as instructions.
        #expect(budgeted.instructions - stock.instructions >= 10 * 10000,
                "stock \(stock.instructions), budgeted \(budgeted.instructions)")
    }

    @Test("Ordinary matching within an armed budget is undisturbed")
    func ordinaryMatchingWithinBudget() throws {
        let lab = try PatternLab()
        let outcome = lab.runArmed(##"assert(budgeted.gsub("hi #name#", "#(%w+)#", {name = "you"}) == "hi you")"##, instructionLimit: 1_000_000)
        #expect(outcome.limit == CLUA_LIMIT_NONE)
        #expect(outcome.message == "ok")
    }

    @Test("The installer sets exactly find, match, gmatch and gsub")
    func installerSetsFourFields() throws {
        let lab = try PatternLab()
        let expression = #"(function() local names = {}; for k in pairs(budgeted) do names[#names + 1] = k end; table.sort(names); return table.concat(names, " ") end)()"#
        #expect(try lab.evaluate(expression, library: "budgeted") == #""find gmatch gsub match""#)
    }
}

// MARK: - Test support

/// A `lua_State` with the standard libraries, the budgeted functions in the global table
/// `budgeted`, and a Lua harness that calls either library and serializes what comes back.
private final class PatternLab {
    struct LuaFailure: Error, CustomStringConvertible {
        let description: String
    }

    private let sandbox: UnsafeMutablePointer<clua_sandbox>
    private let state: OpaquePointer

    init() throws {
        sandbox = UnsafeMutablePointer<clua_sandbox>.allocate(capacity: 1)
        guard let state = clua_open(sandbox, 1000) else {
            sandbox.deallocate()
            throw LuaFailure(description: "clua_open returned NULL")
        }
        self.state = state
        luaL_openlibs(state)
        lua_createtable(state, 0, 4)
        clua_install_budgeted_patterns(state, -1)
        lua_setglobal(state, "budgeted")
        try execute(Self.harness)
    }

    deinit {
        lua_close(state)
        sandbox.deallocate()
    }

    /// Runs a chunk with an instruction limit armed; returns the limit hit, the error message
    /// (or "ok") and the instructions counted, pattern steps included.
    func runArmed(_ code: String, instructionLimit: Int64) -> (limit: clua_limit, message: String, instructions: Int64) {
        lua_settop(state, 0)
        clua_arm(state, 0, instructionLimit, 0, 0)
        let status = luaL_loadstring(state, code) == LUA_OK ? lua_pcallk(state, 0, 0, 0, 0, nil) : LUA_ERRSYNTAX
        let message = status == LUA_OK ? "ok" : self.message()
        let instructions = sandbox.pointee.instructions
        let limit = clua_disarm(state)
        lua_settop(state, 0)
        return (limit, message, instructions)
    }

    /// Runs one generated call through `library` ("string" or "budgeted").
    func run(_ call: PatternCall, library: String) throws -> String {
        lua_settop(state, 0)
        lua_getglobal(state, "run")
        lua_getglobal(state, library)
        lua_pushinteger(state, lua_Integer(call.function.rawValue))
        push(call.subject)
        push(call.pattern)
        push(call.extra)
        push(call.last)
        return try callReturningString(arguments: 6)
    }

    /// Evaluates a Lua expression in which `S` is `library`; returns its values serialized.
    func evaluate(_ expression: String, library: String) throws -> String {
        lua_settop(state, 0)
        let chunk = "local S = ...; return show(pcall(function() return \(expression) end))"
        guard luaL_loadstring(state, chunk) == LUA_OK else { throw LuaFailure(description: message()) }
        lua_getglobal(state, library)
        return try callReturningString(arguments: 1)
    }

    private func execute(_ code: String) throws {
        guard luaL_loadstring(state, code) == LUA_OK, lua_pcallk(state, 0, 0, 0, 0, nil) == LUA_OK else {
            throw LuaFailure(description: message())
        }
    }

    private func callReturningString(arguments: Int32) throws -> String {
        guard lua_pcallk(state, arguments, 1, 0, 0, nil) == LUA_OK else { throw LuaFailure(description: message()) }
        return message()
    }

    private func message() -> String {
        var length = 0
        guard let bytes = lua_tolstring(state, -1, &length) else { return "(no message)" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    private func push(_ value: LuaArgument) {
        switch value {
        case .none: lua_pushnil(state)
        case .boolean(let flag): lua_pushboolean(state, flag ? 1 : 0)
        case .integer(let number): lua_pushinteger(state, lua_Integer(number))
        case .float(let number): lua_pushnumber(state, number)
        case .string(let bytes): bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(state, $0.baseAddress, $0.count) }
        }
        case .global(let name): lua_getglobal(state, name)
        }
    }

    /// `run` calls both libraries from the same line, so argument errors name the same function
    /// and position; `replacer` logs its arguments so gsub's calls are compared too.
    private static let harness = #"""
    local function serialize(ok, ...)
      local out = {tostring(ok), tostring(select('#', ...))}
      for i = 1, select('#', ...) do
        local v = select(i, ...)
        if type(v) == "string" then out[#out + 1] = string.format("%q", v)
        elseif type(v) == "number" then out[#out + 1] = math.type(v) .. ":" .. tostring(v)
        else out[#out + 1] = tostring(v) end
      end
      return table.concat(out, ",")
    end

    local log = {}
    replacements = {a = "A", b = false, c = 3, ["1"] = "one", [1] = "first", ["("] = {}, x = 2.5}
    function replacer(...)
      log[#log + 1] = serialize(true, ...)
      local key = ...
      if key == "a" then return nil elseif key == "b" then return false elseif key == "c" then return 42
      elseif key == "(" then return {} elseif type(key) == "number" then return key * 2 end
      return "<" .. tostring(key) .. ">"
    end

    local function invoke(f, ...) return f(...) end

    function run(lib, kind, s, p, x, y)
      log = {}
      if kind == 1 then return serialize(pcall(invoke, lib.find, s, p, x, y))
      elseif kind == 2 then return serialize(pcall(invoke, lib.match, s, p, x))
      elseif kind == 3 then
        return serialize(pcall(function()
          local iterator = invoke(lib.gmatch, s, p, x)
          local out = {}
          for _ = 1, 40 do
            local r = serialize(true, iterator())
            out[#out + 1] = r
            if r == "true,0" or r:match("^true,%d+,nil") then break end
          end
          return table.concat(out, ";")
        end))
      else
        return serialize(pcall(invoke, lib.gsub, s, p, x, y)) .. " calls:" .. table.concat(log, ";")
      end
    end

    -- For hand-written cases: values as "5, 11, \"quick\"", errors without their position.
    function show(ok, ...)
      if not ok then return "error: " .. tostring((...)):gsub("^[^\n]-:%d+: ", "") end
      local out = {}
      for i = 1, select('#', ...) do
        local v = select(i, ...)
        out[#out + 1] = type(v) == "string" and string.format("%q", v) or tostring(v)
      end
      return table.concat(out, ", ")
    end

    function collect(iterator)
      local out = {}
      for _ = 1, 100 do
        local values = table.pack(iterator())
        if values[1] == nil then break end
        for i = 1, values.n do out[#out + 1] = values[i] end
      end
      return table.unpack(out)
    end
    """#
}

private enum LuaArgument: CustomStringConvertible, Sendable {
    case none
    case boolean(Bool)
    case integer(Int64)
    case float(Double)
    case string([UInt8])
    case global(String)

    var description: String {
        switch self {
        case .none: "nil"
        case .boolean(let flag): "\(flag)"
        case .integer(let number): "\(number)"
        case .float(let number): "\(number)"
        case .string(let bytes): "\"" + bytes.map { $0 >= 0x20 && $0 < 0x7f ? String(UnicodeScalar($0)) : "\\\($0)" }.joined() + "\""
        case .global(let name): name
        }
    }
}

/// One call of find/match/gmatch/gsub with its arguments (`extra` is init or the replacement).
private struct PatternCall: CustomStringConvertible, Sendable {
    enum Function: Int, Sendable { case find = 1, match, gmatch, gsub }
    let function: Function
    let subject: LuaArgument
    let pattern: LuaArgument
    let extra: LuaArgument
    let last: LuaArgument

    var description: String { "\(function)(\(subject), \(pattern), \(extra), \(last))" }
}

/// SplitMix64: a small seeded generator, so a failing case can be replayed from its seed.
private struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random calls over a small alphabet, with patterns built from items that cover every kind of
/// pattern item, quantifiers, anchors and malformed pieces.
private struct PatternCallGenerator {
    private var random: SeededGenerator
    private let itemsPerPattern: ClosedRange<Int>

    private static let subjectBytes: [UInt8] = Array("aabc()[]%-.12 xA_^$'".utf8) + [0]
    private static let items: [String] = [
        "a", "b", "c", ".", "%a", "%d", "%s", "%w", "%p", "%A", "%D", "%S", "%W", "%x", "%l", "%u",
        "%z", "%Z", "%c", "%g", "%%", "%.", "%(", "%]", "%-", "[ab]", "[^a]", "[a-c]", "[%d_]",
        "[]]", "[^]]", "[%a-]", "[-a]", "[a-]", "[^%s]", "[%%]", "[(]", "[.]", "x", "1", "-", "*",
        "^", "$", "(", ")", "()", "%b()", "%b''", "%bab", "%f[%w]", "%f[%W]", "%f[a]", "%f[^a]",
        "%1", "%2", "%0", "'", " ", "%", "[", "[a", "%b(", "%f", "%fa", "%f[a", "[%",
    ]
    private static let quantifiers = ["", "", "", "", "*", "+", "-", "?"]
    private static let inits: [LuaArgument] = [
        .none, .integer(1), .integer(2), .integer(0), .integer(-1), .integer(-3), .integer(-100),
        .integer(5), .integer(20), .float(3.0), .float(1.5), .string(Array("2".utf8)),
        .integer(Int64.min), .integer(Int64.max),
    ]
    private static let replacementStrings: [LuaArgument] = [
        "x", "%0", "%1", "<%1|%2>", "%%", "%", "%x", "", "[%0]", "%9",
    ].map { LuaArgument.string(Array($0.utf8)) } + [.integer(7)]

    init(seed: UInt64, itemsPerPattern: ClosedRange<Int> = 0...6) {
        random = SeededGenerator(seed: seed)
        self.itemsPerPattern = itemsPerPattern
    }

    mutating func next() -> PatternCall {
        let function = PatternCall.Function(rawValue: Int.random(in: 1...4, using: &random))!
        let subject = LuaArgument.string((0..<Int.random(in: 0...14, using: &random)).map { _ in
            Self.subjectBytes.randomElement(using: &random)!
        })
        let pattern = LuaArgument.string(Array(nextPattern().utf8))
        var extra = Self.inits.randomElement(using: &random)!
        var last = LuaArgument.none
        switch function {
        case .find:
            if Int.random(in: 0..<4, using: &random) == 0 { last = .boolean(true) }
        case .match, .gmatch:
            break
        case .gsub:
            switch Int.random(in: 0..<3, using: &random) {
            case 0: extra = Self.replacementStrings.randomElement(using: &random)!
            case 1: extra = .global("replacements")
            default: extra = .global("replacer")
            }
            if Int.random(in: 0..<4, using: &random) == 0 { last = .integer(Int64.random(in: -1...3, using: &random)) }
        }
        return PatternCall(function: function, subject: subject, pattern: pattern, extra: extra, last: last)
    }

    private mutating func nextPattern() -> String {
        var pattern = Int.random(in: 0..<5, using: &random) == 0 ? "^" : ""
        for _ in 0..<Int.random(in: itemsPerPattern, using: &random) {
            let item = Self.items.randomElement(using: &random)!
            pattern += item
            if item.count <= 2 || item.hasPrefix("[") {
                pattern += Self.quantifiers.randomElement(using: &random)!
            }
        }
        if Int.random(in: 0..<6, using: &random) == 0 { pattern += "$" }
        return pattern
    }
}
