import Testing
@testable import Lua

/// The sandbox rules of DESIGN.md, each broken on purpose. Every test checks the specific
/// error and that the host answers another call afterwards.
@Suite struct SandboxTests {
    static let quick = LuaLimits(timeout: 0.2, memory: 16 * 1024 * 1024)

    @Test(arguments: ["io", "debug", "package", "dofile", "loadfile", "require", "collectgarbage", "string.dump",
                      "os.execute", "os.exit", "os.getenv", "os.remove", "os.rename", "os.tmpname", "os.setlocale"])
    func dangerousNamesAreAbsent(name: String) throws {
        let sandbox = Sandbox()
        #expect(try sandbox.run("return \(name) == nil") == [true])
    }

    @Test func safeLibrariesArePresent() throws {
        let sandbox = Sandbox()
        let results = try sandbox.run("""
            return type(os.time()), os.date('!%Y', 0), string.format('%05.1f', 2.25), table.concat({1,2},'-'),
                   math.max(3, 9), utf8.char(229), coroutine.wrap(function() coroutine.yield('y') end)()
            """)
        #expect(results == ["number", "1970", "002.2", "1-2", 9, "å", "y"])
    }

    @Test func bytecodeIsRefusedByTheHostAndByLoad() throws {
        let sandbox = Sandbox()
        let binary = "\u{1B}Lua\u{54}\u{00}"
        do {
            _ = try sandbox.state.load(binary, chunkName: "evil.luac", environment: sandbox.env)
            Issue.record("binary chunk loaded")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.message.contains("binary chunk"))
        }
        let results = try sandbox.run("return load(...)", .string(binary))
        #expect(results[0] == .nil)
        #expect(results[1].stringValue?.contains("attempt to load a binary chunk") == true)
        #expect(sandbox.isAlive())
    }

    @Test func loadRunsOnlyInTheCallersOwnEnvironment() throws {
        let sandbox = Sandbox()
        let results = try sandbox.run("""
            secret = 'mine'
            local f = load('return secret, io, _G == ...')
            return f(_G)
            """)
        #expect(results == ["mine", .nil, true])
        let error = sandbox.failure("load('return 1', 'x', 't', { io = 1 })")
        #expect(error?.message.contains("caller's own environment") == true)
        #expect(sandbox.isAlive())
    }

    @Test func theStringMetatableCannotBeReadOrChanged() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.run("return getmetatable('')") == [false])
        let error = sandbox.failure("getmetatable('').__index = { upper = function() return 'pwned' end }")
        #expect(error?.message.contains("attempt to index a boolean value") == true)
        #expect(try sandbox.run("return ('kassa'):upper()") == ["KASSA"])
        #expect(sandbox.failure("setmetatable('', {})") != nil)
    }

    @Test func oneEnvironmentCannotChangeWhatAnotherSees() throws {
        let state = LuaState()
        let first = state.makeEnvironment()
        let second = state.makeEnvironment()
        let attack = try state.load("""
            string.upper = function() return 'pwned' end
            table.insert = nil
            math.pi = 3
            shared = 'leak'
            """, chunkName: "a.lua", environment: first)
        try state.call(attack, [])
        let check = try state.load("""
            return string.upper('x'), ('y'):upper(), type(table.insert), math.pi > 3.14, shared
            """, chunkName: "b.lua", environment: second)
        #expect(try state.call(check, []) == ["X", "Y", "function", true, .nil])
        // Even the attacker's own strings keep the real methods: the metatable's table is private.
        let own = try state.load("return ('z'):upper()", chunkName: "a2.lua", environment: first)
        #expect(try state.call(own, []) == ["Z"])
    }

    @Test func gcFinalizersAreRefused() {
        let sandbox = Sandbox()
        let error = sandbox.failure("setmetatable({}, { __gc = function() while true do end end })")
        #expect(error?.message.contains("__gc metamethods are not allowed") == true)
        #expect(sandbox.isAlive())
    }

    @Test(arguments: [
        "while true do end",
        "while true do pcall(function() while true do end end) end",
        "local co = coroutine.wrap(function() while true do end end) co()",
        "while true do pcall(coroutine.wrap(function() while true do end end)) end",
        "local function f() return pcall(f) end while true do f() end",
        // A __close handler run by coroutine.close is Lua code on another thread too.
        "local co = coroutine.create(function() local x <close> = setmetatable({}, { __close = function() while true do end end }) coroutine.yield() end) coroutine.resume(co) coroutine.close(co)",
        "local co = coroutine.create(function() while true do coroutine.yield() end end) while true do coroutine.resume(co) end",
    ])
    func endlessLoopsEndWithTheTimeLimit(code: String) {
        let sandbox = Sandbox(limits: Self.quick)
        let error = sandbox.failure(code)
        #expect(error?.code == .timeLimit)
        #expect(error?.message == "time limit of 0.2 s exceeded")
        #expect(sandbox.isAlive())
    }

    @Test func wrappedCoroutinesBehaveLikeLuasOwn() throws {
        let sandbox = Sandbox()
        let results = try sandbox.run("""
            local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
            local a, b, c = gen(), gen(), gen()
            local failing = coroutine.wrap(function() error("boom") end)
            local ok, message = pcall(failing)
            return a + b + c, ok, message
            """)
        #expect(results == [6, false, "test.lua:3: boom"])
    }

    @Test func theTimeLimitNamesWhereTheLoopWas() {
        let sandbox = Sandbox(limits: Self.quick)
        let error = sandbox.failure("local n = 0\nwhile true do n = n + 1 end")
        #expect(error?.chunk == "test.lua")
        #expect(error?.line == 2)
    }

    @Test func anInstructionLimitEndsTheCall() {
        let sandbox = Sandbox(limits: LuaLimits(timeout: 5, instructions: 1_000_000))
        let error = sandbox.failure("local n = 0 for i = 1, 1e9 do n = n + i end")
        #expect(error?.code == .instructionLimit)
        #expect(sandbox.isAlive())
    }

    @Test(arguments: [
        "return string.rep('x', 1e9)",
        "local s = 'x' while true do s = s .. s end",
        "local t = {} for i = 1, 1e9 do t[i] = i end",
        "return ('x'):rep(1e6):rep(100)",
        "local t = {} while true do t[#t + 1] = {} end",
    ])
    func memoryBombsEndWithTheMemoryLimit(code: String) {
        let sandbox = Sandbox(limits: LuaLimits(timeout: 5, memory: 16 * 1024 * 1024))
        let error = sandbox.failure(code)
        #expect(error?.code == .memoryLimit)
        #expect(error?.message == "memory limit of 16 MiB exceeded")
        #expect(sandbox.isAlive())
    }

    @Test func aCaughtLimitStillFailsTheCall() {
        let sandbox = Sandbox(limits: LuaLimits(timeout: 5, memory: 16 * 1024 * 1024))
        let error = sandbox.failure("local ok = pcall(string.rep, 'x', 1e9) return 'survived', ok")
        #expect(error?.code == .memoryLimit)
        let timed = Sandbox(limits: Self.quick).failure("pcall(function() while true do end end) return 'survived'")
        #expect(timed?.code == .timeLimit)
    }

    @Test func deepRecursionIsAStackOverflowNotACrash() {
        let sandbox = Sandbox(limits: LuaLimits(timeout: 5, memory: 256 * 1024 * 1024))
        let error = sandbox.failure("local function f(n) return 1 + f(n + 1) end return f(1)")
        #expect(error?.code == .runtime)
        #expect(error?.message.contains("stack overflow") == true)
        let metamethods = sandbox.failure("local t = setmetatable({}, {}) getmetatable(t).__index = function(s, k) return s[k] end return t.x")
        #expect(metamethods?.message.contains("stack overflow") == true)
        #expect(sandbox.isAlive())
    }

    @Test func hugeUnpackIsRefused() {
        let sandbox = Sandbox()
        let error = sandbox.failure("return table.unpack({}, 1, 1e8)")
        #expect(error?.message.contains("too many results to unpack") == true)
        #expect(sandbox.isAlive())
    }

    @Test func printFloodsAreCapped() throws {
        let sandbox = Sandbox(limits: LuaLimits(timeout: 5, printBytes: 1000))
        try sandbox.run("for i = 1, 100000 do print('spam spam spam', i) end")
        let total = sandbox.lines.reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(total < 1100)
        #expect(sandbox.lines.last?.hasSuffix("[print output truncated: limit reached]") == true)
        // The cap is per call: the next call prints again.
        try sandbox.run("print('again')")
        #expect(sandbox.lines.last == "again")
    }

    @Test func catastrophicPatternsEndWithTheTimeLimit() {
        let sandbox = Sandbox(limits: Self.quick)
        let error = sandbox.failure("return string.find(string.rep('a', 30000), '.-.-.-.-.-b')")
        #expect(error?.code == .timeLimit)
        let method = sandbox.failure("return (('a'):rep(30000)):match('.-.-.-.-.-b')")
        #expect(method?.code == .timeLimit)
        #expect(sandbox.isAlive())
    }

    @Test func limitsArePerCall() throws {
        let sandbox = Sandbox(limits: Self.quick)
        #expect(sandbox.failure("while true do end")?.code == .timeLimit)
        // A call that stays within its budget is unaffected by the one before.
        #expect(try sandbox.run("local n = 0 for i = 1, 1000 do n = n + i end return n") == [500500])
        let roomy = LuaLimits(timeout: 5, memory: 64 * 1024 * 1024)
        #expect(try sandbox.run("return #string.rep('x', 8 * 1024 * 1024)", limits: roomy) == [8_388_608])
    }

    @Test func printGoesToTheHost() throws {
        let sandbox = Sandbox()
        try sandbox.run("print('Hej', 1, nil, true)")
        #expect(sandbox.lines == ["Hej\t1\tnil\ttrue"])
    }
}
