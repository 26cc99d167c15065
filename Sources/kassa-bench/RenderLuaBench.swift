import Foundation
import KassaCore
import KassaDemo
import KassaScripting
import Logging

/// `render-lua`: a Lua template (`kassa.template { render = … }`) rendered for demo customers
/// through the host (record proxy, sandbox budget armed), against the same render function
/// in standalone `lua5.4` over plain tables. The goal is a ratio to that anchor (issue 14):
/// issue 4's 500,000 renders/s over the 1.84 million renders/s lua5.4 made on this machine
/// on 2026-12-08, so ≥ 0.27 of the plain-Lua rate: what the record proxy, the budget and the
/// result's copy into Swift may cost on top of the render function itself.
enum RenderLuaBench {
    static let count = 200_000

    static let plugin = """
        kassa.plugin { name = "bench-templates", version = "1.0.0", api = 1 }
        kassa.template {
          name = "points_sms",
          channel = "sms",
          render = \(renderFunction),
        }
        """

    static let renderFunction = """
        function(c, ctx)
            return { text = "Hej " .. (c.first_name or "kund") .. "! Du har " .. c.points .. " poäng hos " .. ctx.shop .. "." }
          end
        """

    static func run() throws -> [Figure] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-bench-render-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bench-templates.lua")
        try plugin.write(to: file, atomically: true, encoding: .utf8)

        let host = ScriptHost(logger: Logger(label: "kassa-bench"))
        let record = host.loadPlugin(at: file.path)
        if let error = record.error { throw BenchError("the bench plugin did not load: \(error)") }
        guard let renderer = try host.registry.template(named: "points_sms").renderer else {
            throw BenchError("the bench template has no render function")
        }
        let customers = DemoRegister.generate(count: count, seed: 7)
        let context = ["shop": "Cykelbutiken"]
        var bytes = 0
        let seconds = try best(of: 3) {
            bytes = 0
            for customer in customers {
                bytes += try renderer.render(customer, context: context).text?.utf8.count ?? 0
            }
        }
        let names = customers.map { $0.firstName.map { "\"\($0)\"" } ?? "nil" }
        let points = customers.map { String($0.points) }
        let anchor = try runLua(anchorScript(names: names, points: points)).split(separator: " ")
        guard anchor.count == 2, let luaSeconds = Double(anchor[0]), Int(anchor[1]) == bytes else {
            throw BenchError("lua5.4 printed \"\(anchor.joined(separator: " "))\"; the host rendered \(bytes) bytes: the two runs disagree")
        }
        return [Figure(
            bench: "render-lua", value: Double(count) / seconds, unit: "renders/s",
            anchor: "lua5.4 same render function over plain tables", anchorValue: Double(count) / luaSeconds, goal: ">= 0.27",
            note: "ratio = kassa renders/s / lua5.4 renders/s, higher is better; \(count) demo customers, one call each through the record proxy, budget armed; CPU time, best of 3")]
    }

    static func anchorScript(names: [String], points: [String]) -> String {
        """
        local names = { \(names.joined(separator: ",")) }
        local points = { \(points.joined(separator: ",")) }
        local customers = {}
        for i = 1, \(count) do customers[i] = { first_name = names[i], points = points[i] } end
        local render = \(renderFunction)
        local ctx = { shop = "Cykelbutiken" }
        local fastest, bytes = math.huge, 0
        for _ = 1, 3 do
          local start = os.clock()
          bytes = 0
          for i = 1, \(count) do bytes = bytes + #render(customers[i], ctx).text end
          fastest = math.min(fastest, os.clock() - start)
        end
        print(string.format("%.6f %d", fastest, bytes))
        """
    }
}
