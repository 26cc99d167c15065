import Foundation

/// One figure as `scripts/bench` prints it: a JSON object per line (SPEC §11).
struct Figure: Encodable {
    var bench: String
    var value: Double
    var unit: String
    var anchor: String
    var anchorValue: Double
    var ratio: Double
    var goal: String
    var note: String?

    enum CodingKeys: String, CodingKey {
        case bench, value, unit, anchor, ratio, goal, note
        case anchorValue = "anchor_value"
    }

    init(bench: String, value: Double, unit: String, anchor: String, anchorValue: Double, goal: String, note: String? = nil) {
        self.bench = bench
        self.value = (value * 1000).rounded() / 1000
        self.unit = unit
        self.anchor = anchor
        self.anchorValue = (anchorValue * 1000).rounded() / 1000
        self.ratio = anchorValue == 0 ? 0 : ((value / anchorValue) * 1000).rounded() / 1000
        self.goal = goal
        self.note = note
    }

    func emit() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// CPU seconds of this process, the same clock as Lua's `os.clock()` in the anchor runs.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Seconds on the monotonic clock, for wall-time measurements (network round trips,
/// other processes).
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Best of `runs` timings of `body`, in CPU seconds.
func best(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = cpuSeconds()
        try body()
        fastest = min(fastest, cpuSeconds() - start)
    }
    return fastest
}

/// Runs `lua5.4` on a script and returns what it printed, trimmed.
func runLua(_ script: String, arguments: [String] = []) throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-bench-\(getpid())-\(UUID().uuidString).lua")
    try script.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["lua5.4", file.path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw BenchError("lua5.4 failed with status \(process.terminationStatus)") }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
