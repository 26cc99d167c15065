import Foundation

/// `macro-press`: the whole-process time of pressing a macro from the command line, the
/// shipped plugins loaded, against starting `lua5.4 -e ''` the same way. The goal is a ratio
/// to that anchor (issue 14): issue 4's 50 ms over the 2.66 ms lua5.4 took on this machine on
/// 2026-12-08, so at most 19 times a bare Lua start.
///
/// Both run from the repository root, as a cashier's button or a cron job would start
/// them; each is started `runs` times and the median wall time counts.
enum MacroPressBench {
    static let runs = 31
    static let macro = "##MENU#Hello#Åsa¤"

    static func run() throws -> [Figure] {
        let kassa = try kassaBesideBench()
        let root = try repositoryRoot()
        // A database in a temporary folder: the menu needs none, but the command must not
        // touch a kassa.sqlite a developer keeps in the repository.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-bench-macro-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("kassa.sqlite").path

        let check = try ChildRun(kassa, ["macro", macro, "--db", database], in: root)
        guard check.output.contains("Hello from a Lua menu, Åsa!") else {
            throw BenchError("kassa macro \(macro) printed \"\(check.output)\", not the Hello menu's greeting")
        }
        var kassaTimes: [Double] = []
        var luaTimes: [Double] = []
        // Interleaved, so a burst of load elsewhere on the machine hits both alike.
        for _ in 0..<runs {
            kassaTimes.append(try ChildRun(kassa, ["macro", macro, "--db", database], in: root).wallSeconds)
            luaTimes.append(try ChildRun("lua5.4", ["-e", ""], in: root).wallSeconds)
        }
        let kassaMedian = median(kassaTimes) * 1000
        let luaMedian = median(luaTimes) * 1000
        return [Figure(
            bench: "macro-press", value: kassaMedian, unit: "ms",
            anchor: "lua5.4 -e '' started the same way (median)", anchorValue: luaMedian, goal: "<= 19",
            note: "ratio = kassa ms / lua5.4 ms, lower is better; kassa macro '\(macro)' from the repository root with plugins/ loaded; median of \(runs) runs, wall time")]
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
