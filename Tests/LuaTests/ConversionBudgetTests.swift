import Foundation
import Testing
@testable import Lua

/// Lua values reach Swift bounded: every copy into Swift counts against the call's memory cap
/// and time budget, shared subtables at every visit (issue 12, item 2).
@Suite struct ConversionBudgetTests {
    static let tight = LuaLimits(timeout: 1, memory: 8 * 1024 * 1024)

    /// A table of `levels` levels whose every level holds the one below twice: a few hundred
    /// bytes in Lua, 2^levels tables when copied naively.
    static func sharedSubtables(_ levels: Int) -> String {
        "local t = {} for i = 1, \(levels) do t = {t, t} end\n"
    }

    @Test(arguments: [22, 30])
    func hostFunctionArgumentsAreCopiedWithinTheMemoryCap(levels: Int) {
        let sandbox = Sandbox(limits: Self.tight)
        var called = false
        sandbox.env["take"] = .function(sandbox.state.makeFunction { _ in
            called = true
            return []
        })
        let started = Date()
        // The script catches the error: the limit still fails the call.
        let error = sandbox.failure(Self.sharedSubtables(levels) + "local ok = pcall(take, t) return 'survived', ok")
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(!called)
        #expect(error?.code == .memoryLimit)
        #expect(error?.message.hasPrefix("memory limit of 8 MiB exceeded") == true)
        #expect(error?.chunk == "test.lua")
        #expect(error?.line == 2)
        #expect(sandbox.isAlive())
    }

    @Test(arguments: [22, 30])
    func callResultsAreCopiedWithinTheMemoryCap(levels: Int) {
        let sandbox = Sandbox(limits: Self.tight)
        let started = Date()
        let error = sandbox.failure(Self.sharedSubtables(levels) + "return 1, t")
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(error?.code == .memoryLimit)
        #expect(error?.message == "memory limit of 8 MiB exceeded while copying a Lua value into the host")
        #expect(sandbox.isAlive())
    }

    @Test func withoutAMemoryCapTheTimeLimitEndsTheCopy() {
        let sandbox = Sandbox(limits: LuaLimits(timeout: 1, memory: nil))
        sandbox.env["take"] = .function(sandbox.state.makeFunction { _ in [] })
        let started = Date()
        let error = sandbox.failure(Self.sharedSubtables(30) + "take(t)")
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(error?.code == .timeLimit)
        #expect(error?.message == "time limit of 1 s exceeded while copying a Lua value into the host")
    }

    @Test func ordinaryValuesStillCrossWhole() throws {
        let sandbox = Sandbox(limits: Self.tight)
        let results = try sandbox.run("""
            local shared = { 'x', 'y' }
            local rows = {}
            for i = 1, 1000 do rows[i] = { n = i, tags = shared, name = ('row' .. i) } end
            return rows, #rows
            """)
        #expect(results[1] == 1000)
        #expect(results[0].tableValue?.array.count == 1000)
        #expect(results[0].tableValue?[1000].tableValue?["tags"] == ["x", "y"])
    }
}
