import Testing
@testable import Lua

@Suite struct LuaValueTests {
    @Test func scalarsRoundTrip() throws {
        let sandbox = Sandbox()
        let results = try sandbox.run("return ...", .nil, true, 42, 2.5, "Åsa Öberg €")
        #expect(results == [.nil, .boolean(true), .integer(42), .number(2.5), .string("Åsa Öberg €")])
    }

    @Test func integersAndFloatsStayDistinct() throws {
        let sandbox = Sandbox()
        let results = try sandbox.run("return 3, 3.0, math.maxinteger, 1/0")
        guard case .integer(3) = results[0], case .number(3.0) = results[1] else {
            Issue.record("expected integer then float, got \(results)")
            return
        }
        #expect(results[2] == .integer(Int64.max))
        #expect(results[3] == .number(.infinity))
    }

    @Test func tablesAsArraysAndDictionaries() throws {
        let sandbox = Sandbox()
        let results = try sandbox.run("""
            local t = ...
            return { t.name, #t.list, t.list[2] }, { 10, 20, 30, x = "y", [7] = "seven" }
            """, ["name": "Kassa", "list": ["a", "b", "c"]])
        #expect(results[0] == ["Kassa", 3, "b"])
        let table = try #require(results[1].tableValue)
        #expect(table.array == [10, 20, 30])
        #expect(table["x"] == "y")
        #expect(table.indexed[7] == "seven")
    }

    @Test func cyclicTablesAreRefusedNotFollowedForever() {
        let sandbox = Sandbox()
        let error = sandbox.failure("local t = {} t.self = t return t")
        #expect(error?.code == .conversion)
        #expect(error?.message.contains("nested more than") == true)
    }

    @Test func functionsComeBackCallable() throws {
        let sandbox = Sandbox()
        let results = try sandbox.run("return function(a, b) return a .. b end")
        let function = try #require(results[0].functionValue)
        #expect(try function.call("Kas", "sa") == ["Kassa"])
    }

    @Test func swiftClosuresAreCallableFromLua() throws {
        let sandbox = Sandbox()
        var seen: [LuaValue] = []
        sandbox.env["greet"] = .function(sandbox.state.makeFunction { arguments in
            seen = arguments
            return [.string("Hej \(arguments[0].stringValue ?? "?")!"), .integer(Int64(arguments.count))]
        })
        let results = try sandbox.run("return greet('Åsa', 2, nil)")
        #expect(results == ["Hej Åsa!", 3])
        #expect(seen == ["Åsa", 2, .nil])
    }

    @Test func liveTablesAreReadAndWrittenRaw() throws {
        let sandbox = Sandbox()
        let table = sandbox.state.makeTable()
        table["answer"] = 42
        sandbox.env["config"] = .reference(table)
        try sandbox.run("config.seen = config.answer + 1")
        #expect(table["seen"] == 43)
        #expect(try table.snapshot().fields.count == 2)
    }
}
