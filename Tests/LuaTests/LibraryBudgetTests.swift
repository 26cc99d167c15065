import Foundation
import Testing
@testable import Lua

/// The time limit holds inside the library's C functions: each one that loops over a length
/// or range the script chooses charges the budget as it goes (issue 12, item 1).
@Suite struct LibraryBudgetTests {
    static let oneSecond = LuaLimits(timeout: 1, memory: 64 * 1024 * 1024)

    /// A table whose `__len` claims 2e8 elements: nothing is allocated, only looped over.
    static let lyingLength = "local t = setmetatable({}, { __len = function() return 2e8 end })\n"
    /// `rawlen` as `__index` answers every read with 0 from C, unseen by the count hook.
    static let everyIndexReadsZero = "local t = setmetatable({}, { __index = rawlen, __len = function() return 2^31 - 2 end })\n"

    @Test(arguments: [
        "table.move({}, 1, 4e8, 2)",
        "table.move({}, 1, 1e15, 2)",
        "table.move({}, 1, 1e15, 2, {})",
        "table.move({}, -1e15, 1e15, -1e15 + 1)",
        lyingLength + "table.insert(t, 1, 'x')",
        lyingLength + "table.remove(t, 1)",
        everyIndexReadsZero + "return table.concat(t, '', 1, 1e15)",
        everyIndexReadsZero + "table.sort(t, rawequal)",
        everyIndexReadsZero + "table.sort(t, math.ult)",
        "return load(os.date)",
    ])
    func longLoopsInsideLibraryFunctionsEndAtTheDeadline(code: String) {
        let sandbox = Sandbox(limits: Self.oneSecond)
        let started = Date()
        let error = sandbox.failure(code)
        let elapsed = Date().timeIntervalSince(started)
        // Sorting equal elements swaps them into the table, and load's endless reader gathers
        // its pieces: those may meet the memory cap first.
        let allowed: Set<LuaError.Code> = code.contains("math.ult") || code.contains("load(") ? [.timeLimit, .memoryLimit] : [.timeLimit]
        #expect(error.map { allowed.contains($0.code) } == true, "\(code): \(String(describing: error))")
        #expect(elapsed < 1.5, "\(code) ran \(elapsed) s with a 1 s limit")
        #expect(sandbox.isAlive())
    }

    @Test func anInstructionLimitCountsTheElementsALibraryFunctionTouches() {
        let sandbox = Sandbox(limits: LuaLimits(timeout: 30, instructions: 1_000_000))
        let error = sandbox.failure("table.move({}, 1, 1e9, 2)")
        #expect(error?.code == .instructionLimit)
    }

    @Test func repeatingNothingIsInstantlyNothing() throws {
        let sandbox = Sandbox(limits: Self.oneSecond)
        let started = Date()
        #expect(try sandbox.run("return string.rep('', 1e10), ('').rep('', 1e15, ''), #string.rep('ab', 3, ',')") == ["", "", 8])
        #expect(Date().timeIntervalSince(started) < 0.5)
    }

    @Test func theBudgetedFunctionsKeepLuasResultsAndMessages() throws {
        let sandbox = Sandbox()
        let results = try sandbox.run("""
            local t = {1, 2, 3}
            table.insert(t, 4); table.insert(t, 1, 0)
            local removed, last = table.remove(t, 1), table.remove(t)
            local moved = table.move({1, 2, 3, 4, 5}, 2, 4, 1)
            local overlap = table.move({1, 2, 3, 4, 5}, 1, 3, 3)
            local other = table.move({1, 2}, 1, 2, 3, {9})
            return table.concat(t, ','), removed, last, table.concat(moved, ''), table.concat(overlap, ''),
                   table.concat(other, ',', 3, 4), other[1], select('#', table.unpack({1, 2, 3}, 2)), table.concat({}, 'x'),
                   table.concat({1, 'a', 2.5}, '-', 2, 3), string.rep('ab', 3, '|'), string.rep('x', 0)
            """)
        #expect(results == ["1,2,3", 0, 4, "23445", "12123", "1,2", 9, 2, "", "a-2.5", "ab|ab|ab", ""])
        #expect(sandbox.failure("table.insert({}, 5, 'x')")?.message.contains("position out of bounds") == true)
        #expect(sandbox.failure("table.insert({}, 1, 2, 3)")?.message.contains("wrong number of arguments to 'insert'") == true)
        #expect(sandbox.failure("table.remove({1}, 5)")?.message.contains("position out of bounds") == true)
        #expect(sandbox.failure("table.concat({1, {}, 3})")?.message.contains("invalid value (table) at index 2 in table for 'concat'") == true)
        #expect(sandbox.failure("table.move({}, 1, math.maxinteger, 2)")?.message.contains("destination wrap around") == true)
        #expect(sandbox.failure("table.insert(nil, 1)")?.message.contains("table expected, got nil") == true)
        #expect(sandbox.failure("return string.rep('x', 1e10)")?.message.contains("resulting string too large") == true)
        // Proxies with metamethods stand in for tables, as in Lua.
        let proxied = try sandbox.run("""
            local store = {}
            local p = setmetatable({}, { __index = store, __newindex = store, __len = function() return #store end })
            table.insert(p, 'a'); table.insert(p, 1, 'b')
            return table.concat(p, ''), #store
            """)
        #expect(proxied == ["ba", 2])
    }

    @Test func sortOrdersLikeLuasOwnWhateverTheInput() throws {
        let sandbox = Sandbox(limits: LuaLimits(timeout: 10, memory: 64 * 1024 * 1024))
        let results = try sandbox.run("""
            local function sorted(t, lt)
              for i = 2, #t do if (lt and lt(t[i], t[i - 1])) or (not lt and t[i] < t[i - 1]) then return false end end
              return true
            end
            local ok = true
            math.randomseed(12)
            for _, n in ipairs({0, 1, 2, 3, 4, 5, 7, 16, 100, 1000, 20000}) do
              local shapes = {
                function(i) return math.random(1, n) end,    -- random, with repeats
                function(i) return i end,                    -- sorted
                function(i) return n - i end,                -- reversed
                function(i) return 7 end,                    -- all equal
                function(i) return i % 2 == 0 and i or -i end, -- organ pipe-ish
              }
              for _, shape in ipairs(shapes) do
                local t, sum = {}, 0
                for i = 1, n do t[i] = shape(i); sum = sum + t[i] end
                table.sort(t)
                local after = 0
                for i = 1, n do after = after + t[i] end
                ok = ok and sorted(t) and after == sum and #t == n
                local d = {}
                for i = 1, n do d[i] = shape(i) end
                table.sort(d, function(a, b) return a > b end)
                ok = ok and sorted(d, function(a, b) return a > b end)
              end
            end
            local words = {'pear', 'apple', 'fig', 'kiwi', 'banana'}
            table.sort(words)
            return ok, table.concat(words, ' ')
            """)
        #expect(results == [true, "apple banana fig kiwi pear"])
        let invalid = sandbox.failure("local t = {} for i = 1, 100 do t[i] = i % 7 end table.sort(t, function(a, b) return true end)")
        #expect(invalid?.message.contains("invalid order function for sorting") == true)
        #expect(sandbox.failure("table.sort({3, 'x', 1})")?.message.contains("attempt to compare") == true)
        #expect(sandbox.failure("table.sort({3, 2, 1}, 5)")?.message.contains("function expected") == true)
    }
}
