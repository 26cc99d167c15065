import Testing
@testable import Lua

@Suite struct LuaErrorTests {
    @Test func syntaxErrorsNameChunkAndLine() {
        let sandbox = Sandbox()
        do {
            _ = try sandbox.state.load("local x = 1\nlocal = 2", chunkName: "plugins/acme.lua", environment: sandbox.env)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.chunk == "plugins/acme.lua")
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("plugins/acme.lua:2: "))
        }
    }

    @Test func runtimeErrorsNameChunkLineAndCarryATraceback() {
        let sandbox = Sandbox()
        let error = sandbox.failure("local function f(t)\n  return t.brand.name\nend\nlocal r = f({})\nreturn r")
        #expect(error?.code == .runtime)
        #expect(error?.chunk == "test.lua")
        #expect(error?.line == 2)
        #expect(error?.message.contains("attempt to index a nil value (field 'brand')") == true)
        #expect(error?.traceback?.contains("test.lua:4") == true, "\(error?.traceback ?? "no traceback")")
    }

    @Test func errorObjectsThatAreTablesAreDescribed() {
        let sandbox = Sandbox()
        let plain = sandbox.failure("error({ code = 7 })")
        #expect(plain?.message == "(error object is a table value)")
        #expect(plain?.traceback != nil)
        let described = sandbox.failure("error(setmetatable({}, { __tostring = function() return 'custom failure' end }))")
        #expect(described?.message == "custom failure")
    }

    @Test func errorObjectWhoseToStringNeverReturnsDoesNotHangTheHost() {
        let sandbox = Sandbox()
        let error = sandbox.failure("error(setmetatable({}, { __tostring = function() while true do end end }))")
        #expect(error?.code == .runtime)
        #expect(error?.message == "(error object is a table value whose __tostring failed)")
        #expect(sandbox.isAlive())
    }

    @Test func swiftErrorsBecomeLuaErrorsAtTheCallersLine() {
        struct Refusal: Error, CustomStringConvertible { var description: String { "customer 1001 is blocked" } }
        let sandbox = Sandbox()
        sandbox.env["refuse"] = .function(sandbox.state.makeFunction { _ in throw Refusal() })
        let error = sandbox.failure("local x = 1\nrefuse()")
        #expect(error?.line == 2)
        #expect(error?.message == "customer 1001 is blocked")
        let caught = try? sandbox.run("local ok, message = pcall(function() refuse() end) return ok, message")
        #expect(caught == [false, "test.lua:1: customer 1001 is blocked"])
    }

    /// DESIGN.md rule 1: a Swift function that fails under `pcall` must not be left by a
    /// longjmp. If it were, its `defer`s would not run and its objects would leak.
    @Test func failingSwiftFunctionsUnderPcallLeakNothingAndRunTheirDefers() throws {
        final class Counter { var alive = 0 }
        final class Tracked {
            let counter: Counter
            init(_ counter: Counter) { self.counter = counter; counter.alive += 1 }
            deinit { counter.alive -= 1 }
        }
        let counter = Counter()
        struct Failure: Error {}
        let sandbox = Sandbox()
        var defers = 0
        sandbox.env["fail"] = .function(sandbox.state.makeFunction { _ in
            let tracked = Tracked(counter)
            defer { defers += 1 }
            withExtendedLifetime(tracked) {}
            throw Failure()
        })
        let results = try sandbox.run("""
            local failures = 0
            for i = 1, 1000 do
              if not pcall(fail, i) then failures = failures + 1 end
            end
            return failures
            """)
        #expect(results == [1000])
        #expect(defers == 1000)
        #expect(counter.alive == 0)
    }

    @Test func nestedCallsFromSwiftBackIntoLuaReportTheInnerError() throws {
        let sandbox = Sandbox()
        try sandbox.run("function inner() error('deep trouble') end")
        let inner = try #require(sandbox.env["inner"].functionValue)
        sandbox.env["outer"] = .function(sandbox.state.makeFunction { _ in try inner.call() })
        let error = sandbox.failure("outer()")
        #expect(error?.message.contains("deep trouble") == true)
        #expect(sandbox.isAlive())
    }
}
