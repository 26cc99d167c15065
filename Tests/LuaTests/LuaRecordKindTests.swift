import Testing
@testable import Lua

/// Record proxies are light userdata shared by every kind of a state: each must still read
/// its own kind's batch, refuse to outlive it, and give a script nothing to tamper with.
@Suite struct LuaRecordKindTests {
    private static func load(_ kind: LuaRecordKind, _ rows: [(String, Int)]) {
        kind.load(count: rows.count) { writer in
            for (name, points) in rows {
                writer.nextRecord()
                writer.set(0, name)
                writer.set(1, points)
            }
        }
    }

    private static func function(_ sandbox: Sandbox, _ source: String) throws -> LuaFunction {
        try #require(try sandbox.run("return " + source).first?.functionValue)
    }

    @Test func twoKindsInOneStateEachReadTheirOwnBatch() throws {
        let sandbox = Sandbox()
        let customers = LuaRecordKind(state: sandbox.state, name: "customer", fields: ["name", "points"])
        let orders = LuaRecordKind(state: sandbox.state, name: "order", fields: ["reference", "total"])
        Self.load(customers, [("Åsa", 10), ("Bo", 700)])
        Self.load(orders, [("A-1", 99), ("A-2", 5), ("A-3", 1200)])

        let rich = try Self.function(sandbox, "function(c, p) return c.points >= p end")
        #expect(try customers.filter(rich, argument: 100) == [false, true])
        let big = try Self.function(sandbox, "function(o, p) return o.total >= p and o.reference ~= nil end")
        #expect(try orders.filter(big, argument: 50) == [true, false, true])

        let describe = try Self.function(sandbox, "function(r) return tostring(r) .. ' ' .. type(r) .. ' ' .. tostring(getmetatable(r)) end")
        let text = try customers.call(describe, record: 1) { try $0.value() }
        #expect(text == .string("customer record 2 userdata false"))
        let misspelt = try Self.function(sandbox, "function(o) return o.totl end")
        let error = try #require(throws: LuaError.self) { try orders.call(misspelt, record: 0) { try $0.value() } }
        #expect("\(error)".contains("order has no field 'totl'"))
    }

    @Test func aProxyKeptPastItsBatchOrItsKindFailsClearly() throws {
        let sandbox = Sandbox()
        var orders: LuaRecordKind? = LuaRecordKind(state: sandbox.state, name: "order", fields: ["reference", "total"])
        Self.load(orders!, [("A-1", 99)])
        let keep = try Self.function(sandbox, "function(o) kept = o return o.total end")
        #expect(try orders!.call(keep, record: 0) { try $0.value() } == .integer(99))
        let same = try Self.function(sandbox, "function(o) return rawequal(o, kept), o == kept end")
        #expect(try orders!.call(same, record: 0) { [try $0.value()] } == [.boolean(true)])

        Self.load(orders!, [("B-1", 1)])
        let error = sandbox.failure("return kept.total")
        #expect(error.map { "\($0)".contains("this order record is no longer valid") } == true)
        #expect(sandbox.failure("kept.total = 1").map { "\($0)".contains("read-only") } == true)

        // The kind goes while a script still holds one of its proxies: stale, not freed memory.
        orders = nil
        let customers = LuaRecordKind(state: sandbox.state, name: "customer", fields: ["name", "points"])
        Self.load(customers, [("Åsa", 10)])
        #expect(sandbox.failure("return kept.total").map { "\($0)".contains("no longer valid") } == true)
        #expect(try sandbox.run("return 1 + 1") == [.integer(2)], "the state goes on")
    }

    @Test func everyKindOfCellReadsBack() throws {
        let sandbox = Sandbox()
        let kind = LuaRecordKind(state: sandbox.state, name: "thing", fields: ["text", "whole", "real", "flag", "missing"])
        kind.load(count: 2) { writer in
            writer.nextRecord()
            writer.set(0, "Åsa Öberg")
            writer.set(1, -42)
            writer.set(2, 2.5)
            writer.set(3, true)
            writer.nextRecord()
            writer.set(2, -0.125)
            writer.set(3, false)
        }
        let read = try Self.function(sandbox, "function(r) return { r.text, r.whole, r.real, r.flag, r.missing == nil } end")
        #expect(try kind.call(read, record: 0) { try $0.value() } == ["Åsa Öberg", -42, 2.5, true, true])
        let second = try Self.function(sandbox, "function(r) return { r.text == nil, r.whole == nil, r.real, r.flag } end")
        #expect(try kind.call(second, record: 1) { try $0.value() } == [true, true, -0.125, false])
    }

    @Test func longFieldNamesAndResolvedFieldsAreFoundToo() throws {
        // Short names are matched by the interned string itself; a name too long to be
        // interned, and a field the resolver computes, take the table lookup. The first batch
        // lays nothing out (no field was read yet), so the resolver answers everything; the
        // second lays out what was read, and reads the same.
        let sandbox = Sandbox()
        let long = String(repeating: "very_long_field_name_", count: 3)
        let kind = LuaRecordKind(state: sandbox.state, name: "thing", fields: ["short", long, "computed"]) { index, field in
            switch field {
            case "short": .integer(Int64(index) + 1)
            case long: .integer(Int64(index) + 2)
            default: .string("\(field) of \(index)")
            }
        }
        let read = try Self.function(sandbox, "function(r) return { r.short, r['\(long)'], r.computed } end")
        for _ in 0..<2 {
            kind.load(count: 1) { writer in
                writer.nextRecord()
                if writer.wants(0) { writer.set(0, 1) }
                if writer.wants(1) { writer.set(1, 2) }
                writer.setResolved(2)
            }
            #expect(try kind.call(read, record: 0) { try $0.value() } == [1, 2, "computed of 0"])
        }
        #expect(kind.columns == 3)
    }

    @Test func keysThatAreNotFieldNamesAreRefusedByName() throws {
        // The fast path compares the key's object with the names' objects; a number or a
        // boolean key has no object, and must not be taken for the long name (which has none
        // in the fast path either).
        let sandbox = Sandbox()
        let long = String(repeating: "another_long_field_name_", count: 3)
        let kind = LuaRecordKind(state: sandbox.state, name: "thing", fields: ["short", long])
        kind.load(count: 1) { writer in
            writer.nextRecord()
            writer.set(0, 1)
            writer.set(1, 2)
        }
        for (key, message) in [("1", "a thing has no field of type number"), ("true", "a thing has no field of type boolean"),
                               ("'shrot'", "a thing has no field 'shrot'")] {
            let read = try Self.function(sandbox, "function(r) return r[\(key)] end")
            let error = #expect(throws: LuaError.self) { try kind.call(read, record: 0) { try $0.value() } }
            #expect(error?.message.contains(message) == true, "\(key): \(String(describing: error))")
        }
    }

    @Test func aKindWithAResolverLaysOutOnlyTheFieldsScriptsRead() throws {
        // Thirty fields, a filter reading two: each record takes two cells, and a field read
        // for the first time is resolved, then laid out from the next batch on.
        let sandbox = Sandbox()
        let fields = (0..<30).map { "f\($0)" }
        let kind = LuaRecordKind(state: sandbox.state, name: "wide", fields: fields) { index, field in
            .string("\(field):\(index)")
        }
        func load() {
            kind.load(count: 3) { writer in
                for index in 0..<3 {
                    writer.nextRecord()
                    for slot in 0..<30 where writer.wants(slot) { writer.set(slot, "f\(slot):\(index)") }
                }
            }
        }
        let two = try Self.function(sandbox, "function(r) return r.f3 .. ' ' .. r.f17 end")
        let three = try Self.function(sandbox, "function(r) return r.f3 .. ' ' .. r.f17 .. ' ' .. r.f29 end")
        load()
        #expect(kind.columns == 0)
        #expect(try kind.call(two, record: 2) { try $0.value() } == "f3:2 f17:2")
        load()
        #expect(kind.columns == 2)
        #expect(try kind.call(two, record: 1) { try $0.value() } == "f3:1 f17:1")
        #expect(try kind.call(three, record: 1) { try $0.value() } == "f3:1 f17:1 f29:1")
        load()
        #expect(kind.columns == 3)
        #expect(try kind.call(three, record: 0) { try $0.value() } == "f3:0 f17:0 f29:0")
    }

    @Test func shortStringsReadTheSameWhetherCachedOrNot() throws {
        // Strings of up to 16 bytes come from a cache compared by their bytes as two masked
        // words: values that differ only past the eighth byte, only in length, by a zero byte,
        // or beyond the cache's size must each read back exactly, batch after batch. A field
        // whose values never repeat stops using the cache and must read the same too.
        let sandbox = Sandbox()
        let kind = LuaRecordKind(state: sandbox.state, name: "row", fields: ["repeated", "unique"])
        func repeated(_ index: Int) -> String {
            let base = ["", "a", "a\u{0}", "abcdefgh", "abcdefgh\u{0}", "abcdefghi", "abcdefghX", "Göteborg", "2026-03-04",
                        "sixteen-bytes-xx", "seventeen-bytes-x", String(repeating: "z", count: 40)]
            let value = index % 3000
            // Thousands of values of one length sharing their first eight bytes: some share a
            // cache entry, and only their second word tells them apart.
            return value < base.count ? base[value] : "abcdefgh-\(value)"
        }
        let read = try Self.function(sandbox, "function(r) return r.repeated .. '|' .. r.unique end")
        for pass in 0..<3 {
            for start in stride(from: 0, to: 9_000, by: 500) {
                kind.load(count: 500) { writer in
                    for index in start..<(start + 500) {
                        writer.nextRecord()
                        writer.set(0, repeated(index))
                        writer.set(1, "u\(pass)-\(index)")
                    }
                }
                for index in 0..<500 {
                    let expected = repeated(start + index) + "|u\(pass)-\(start + index)"
                    let got = try kind.call(read, record: index) { try $0.value() }
                    #expect(got == .string(expected))
                    if got != .string(expected) { return }
                }
            }
        }
    }
}
