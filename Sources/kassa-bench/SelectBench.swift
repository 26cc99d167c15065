import Foundation

/// `select-sql` and `select-lua`: `kassa select` on 1,000,000 demo customers, whole process,
/// against the `sqlite3` CLI (and, for the Lua part, standalone `lua5.4`) on the same database
/// in the same run.
///
/// - `select-sql`: built-in criteria only (`--country SE --points 500- --has email --count`)
///   against `sqlite3 DB "SELECT count(*) …"` with the equivalent `WHERE`. Wall time, best of 3.
/// - `select-lua`: built-in criteria plus the shipped `lapsed_vip` filter, in ns per customer
///   the SQL part passed to Lua, against the SQL part run by `sqlite3` (wall time) plus the
///   same filter run by `lua5.4` over the same customers as plain tables (`os.clock`).
/// - `select-lua-peak-memory`: the peak resident memory of that `kassa select`, in MB.
///
/// The equivalent SQL is written against the schema read from the database itself
/// (`sqlite3 DB .schema`), and each anchor's count is checked against Kassa's, so a change of
/// the store's layout shows as an error instead of a comparison of different work.
enum SelectBench {
    static let customerCount = 1_000_000
    static let runs = 3

    static let sqlCriteria = ["--country", "SE", "--points", "500-", "--has", "email"]
    static let luaCriteria = ["--filter", "lapsed_vip", "--param", "since=2026-01-01", "--param", "min_points=100", "--country", "SE"]

    static func runSQL() throws -> [Figure] {
        let register = try Register.shared()
        let table = try register.customerTable()
        var kassaCount = ""
        let kassaSeconds = try best {
            let run = try register.kassa(["select"] + sqlCriteria + ["--count"])
            kassaCount = run.output
            return run.wallSeconds
        }
        let query = "SELECT count(*) FROM \(table) WHERE country = 'SE' AND points >= 500 AND email IS NOT NULL"
        var sqliteCount = ""
        let sqliteSeconds = try best {
            let run = try register.sqlite3([query])
            sqliteCount = run.output
            return run.wallSeconds
        }
        guard kassaCount == sqliteCount, Int(kassaCount) != nil else {
            throw BenchError("kassa select \(sqlCriteria.joined(separator: " ")) --count printed \(quoted(kassaCount)), sqlite3 \(quoted(query)) printed \(quoted(sqliteCount)): they no longer do the same work")
        }
        return [Figure(
            bench: "select-sql", value: kassaSeconds * 1000, unit: "ms",
            anchor: "sqlite3 CLI: \(query)", anchorValue: sqliteSeconds * 1000, goal: "<= 1.5",
            note: "whole process, wall time, best of \(runs); \(customerCount) demo customers, \(kassaCount) counted")]
    }

    static func runLua() throws -> [Figure] {
        let register = try Register.shared()
        let table = try register.customerTable()
        let sqlPart = "FROM \(table) WHERE country = 'SE'"
        guard let scanned = Int(try register.sqlite3(["SELECT count(*) \(sqlPart)"]).output), scanned > 0 else {
            throw BenchError("sqlite3 found no customers \(sqlPart)")
        }

        var kassaCount = ""
        var peakMegabytes = 0.0
        let kassaSeconds = try best {
            let run = try register.kassa(["select"] + luaCriteria + ["--count"])
            kassaCount = run.output
            peakMegabytes = max(peakMegabytes, run.peakMegabytes)
            return run.wallSeconds
        }

        // The anchor's SQL part: the same rows, every column, streamed to /dev/null.
        var sqlitePeakMegabytes = 0.0
        let sqlSeconds = try best {
            let run = try register.sqlite3(["SELECT * \(sqlPart)"], output: "/dev/null")
            sqlitePeakMegabytes = max(sqlitePeakMegabytes, run.peakMegabytes)
            return run.wallSeconds
        }

        // The anchor's Lua part: the same customers as plain tables, the shipped filter file.
        let rows = register.folder.appendingPathComponent("lua-rows.txt").path
        try register.sqlite3(["-separator", "\u{1F}", "-newline", "\u{1E}",
                              "SELECT number, first_name, last_name, city, country, email, points, last_visit \(sqlPart)"], output: rows)
        let script = register.folder.appendingPathComponent("lua-anchor.lua")
        try luaAnchorScript.write(to: script, atomically: true, encoding: .utf8)
        let parts = try ChildRun("lua5.4", [script.path, rows, try pluginFile("lapsed-customers.lua")], in: register.folder.path)
            .output.split(separator: " ")
        guard parts.count == 3, let luaSeconds = Double(parts[0]), let luaScanned = Int(parts[1]) else {
            throw BenchError("lua5.4 printed \(quoted(parts.joined(separator: " "))) instead of \"SECONDS SCANNED MATCHED\"")
        }
        guard luaScanned == scanned, String(parts[2]) == kassaCount else {
            throw BenchError("kassa select \(luaCriteria.joined(separator: " ")) --count printed \(quoted(kassaCount)); lua5.4 matched \(parts[2]) of \(luaScanned) (sqlite3: \(scanned) scanned): the two runs disagree")
        }

        let perCustomer = 1e9 / Double(scanned)
        return [
            Figure(
                bench: "select-lua", value: kassaSeconds * perCustomer, unit: "ns/scanned customer",
                anchor: "sqlite3 SELECT * \(sqlPart) (wall) + lua5.4 lapsed_vip over the same customers as plain tables (os.clock)",
                anchorValue: (sqlSeconds + luaSeconds) * perCustomer, goal: "<= 1.5",
                note: "whole process, wall time, best of \(runs); \(scanned) of \(customerCount) customers scanned, \(kassaCount) matched; anchor: SQL \(format(sqlSeconds * perCustomer)) + Lua \(format(luaSeconds * perCustomer)) ns"),
            Figure(
                bench: "select-lua-peak-memory", value: peakMegabytes, unit: "MB",
                anchor: "sqlite3 SELECT * \(sqlPart), peak RSS", anchorValue: sqlitePeakMegabytes, goal: "< 100",
                note: "peak resident memory of the kassa select process (GNU time %M), largest of \(runs) runs"),
        ]
    }

    /// Reads rows `number, first_name, last_name, city, country, email, points, last_visit`
    /// (fields split by 0x1F, rows by 0x1E), loads the shipped plugin with a `kassa` table that
    /// keeps its filters, and times `lapsed_vip` over them. Prints `SECONDS SCANNED MATCHED`.
    static let luaAnchorScript = """
        local rowsPath, pluginPath = ...
        local file = assert(io.open(rowsPath, "rb"))
        local text = file:read("a")
        file:close()
        local customers = {}
        for row in text:gmatch("([^\\30]+)\\30") do
          local f = {}
          for field in (row .. "\\31"):gmatch("([^\\31]*)\\31") do f[#f + 1] = field end
          local function text(value) if value == "" then return nil end return value end
          customers[#customers + 1] = {
            number = f[1], first_name = text(f[2]), last_name = text(f[3]), city = text(f[4]), country = text(f[5]),
            email = text(f[6]), points = math.tointeger(tonumber(f[7])), last_visit = text(f[8]),
          }
        end
        local filters = {}
        local kassa = setmetatable({ filter = function(spec) filters[spec.name] = spec end },
                                   { __index = function() return function() end end })
        assert(loadfile(pluginPath, "t", setmetatable({ kassa = kassa }, { __index = _G })))()
        local match = assert(filters.lapsed_vip, "the plugin registers no lapsed_vip").match
        local p = { since = "2026-01-01", min_points = 100 }
        local matched, fastest = 0, math.huge
        for _ = 1, \(runs) do
          local start = os.clock()
          matched = 0
          for i = 1, #customers do
            if match(customers[i], p) then matched = matched + 1 end
          end
          fastest = math.min(fastest, os.clock() - start)
        end
        print(string.format("%.6f %d %d", fastest, #customers, matched))
        """

    /// The smallest of `runs` measurements.
    static func best(_ measure: () throws -> Double) rethrows -> Double {
        var fastest = Double.infinity
        for _ in 0..<runs { fastest = min(fastest, try measure()) }
        return fastest
    }

    /// A shipped plugin: from `./plugins` when run from the repository (as scripts/bench does),
    /// else from beside these sources.
    static func pluginFile(_ name: String) throws -> String {
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("plugins").appendingPathComponent(name).path }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw BenchError("the shipped plugin \(name) is not in \(candidates.joined(separator: " or "))")
        }
        return found
    }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }
    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

extension SelectBench {
    /// The 1M-customer database both benchmarks read, seeded once per run of kassa-bench and
    /// removed when it exits.
    final class Register {
        let folder: URL
        let kassaPath: String
        let pluginsFolder: String
        var database: String { folder.appendingPathComponent("kassa.sqlite").path }

        nonisolated(unsafe) private static var current: Register?

        static func shared() throws -> Register {
            if let current { return current }
            let made = try Register()
            current = made
            atexit { SelectBench.Register.removeCurrent() }
            return made
        }

        private static func removeCurrent() {
            if let current { try? FileManager.default.removeItem(at: current.folder) }
            current = nil
        }

        private init() throws {
            kassaPath = try Self.kassaBesideBench()
            pluginsFolder = URL(fileURLWithPath: try SelectBench.pluginFile("lapsed-customers.lua")).deletingLastPathComponent().path
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-bench-select-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            do {
                try kassa(["demo", "seed", "--customers", String(SelectBench.customerCount)])
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        }

        /// The release `kassa` next to this `kassa-bench`.
        private static func kassaBesideBench() throws -> String {
            var folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                folders.append(URL(fileURLWithPath: resolved).deletingLastPathComponent())
            }
            let candidates = folders.map { $0.appendingPathComponent("kassa").path }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw BenchError("no kassa executable beside kassa-bench (looked for \(candidates.joined(separator: ", "))); build it with `swift build -c release --product kassa`")
            }
            return found
        }

        /// `kassa ARGUMENTS --db DATABASE --plugins FOLDER`, run in the database's folder so no
        /// other `./plugins` or `./kassa.toml` is picked up.
        @discardableResult
        func kassa(_ arguments: [String]) throws -> ChildRun {
            try ChildRun(kassaPath, arguments + ["--db", database, "--plugins", pluginsFolder], in: folder.path)
        }

        /// `sqlite3 -batch DATABASE ARGUMENTS` (the options first, the SQL last).
        @discardableResult
        func sqlite3(_ arguments: [String], output: String? = nil) throws -> ChildRun {
            var options = arguments
            let sql = options.removeLast()
            return try ChildRun("sqlite3", ["-batch"] + options + [database, sql], in: folder.path, output: output)
        }

        /// The table holding the customers' scalar fields, read from the database's schema:
        /// the first `CREATE TABLE` with the columns `country`, `points` and `email`.
        func customerTable() throws -> String {
            let schema = try sqlite3([".schema"]).output
            var candidates: [String] = []
            for statement in schema.components(separatedBy: "CREATE TABLE").dropFirst() {
                let words = statement.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init)
                guard var name = words.first else { continue }
                if name.uppercased() == "IF", words.count > 3 { name = words[3] }
                let columns = Set(words.dropFirst())
                if ["country", "points", "email"].allSatisfy(columns.contains) { candidates.append(name) }
            }
            guard let table = candidates.first(where: { $0 == "customer" }) ?? candidates.first else {
                throw BenchError("no table in \(database) has the columns country, points and email; the anchors' SQL needs updating to the new schema")
            }
            return table
        }
    }

    /// One child process, run to the end: its wall time, its peak memory and what it printed.
    struct ChildRun {
        var wallSeconds: Double
        var peakMegabytes: Double
        /// Standard output, trimmed (empty when it went to a file).
        var output: String

        /// Runs `executable` (looked up in PATH unless it has a `/`) in `directory`, standard
        /// output to `output` or captured, standard error captured for the error message.
        init(_ executable: String, _ arguments: [String], in directory: String, output: String? = nil) throws {
            let captured = URL(fileURLWithPath: directory).appendingPathComponent("child-\(UUID().uuidString)")
            let outputPath = output ?? captured.path + ".out"
            let errorPath = captured.path + ".err"
            defer {
                if output == nil { try? FileManager.default.removeItem(atPath: outputPath) }
                try? FileManager.default.removeItem(atPath: errorPath)
            }

            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

            // posix_spawn has no portable "change directory" action; the child inherits ours.
            let previous = FileManager.default.currentDirectoryPath
            guard FileManager.default.changeCurrentDirectoryPath(directory) else {
                throw BenchError("cannot enter \(directory)")
            }
            defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

            // Peak memory comes from GNU time: a child spawned straight from this process would
            // inherit our own high-water mark (we may hold a million records) through fork and
            // exec, and report it as its own. time forks the child from its own small process.
            let peakPath = captured.path + ".rss"
            defer { try? FileManager.default.removeItem(atPath: peakPath) }
            let command = ["/usr/bin/time", "-f", "%M", "-o", peakPath, executable] + arguments
            let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid = pid_t()
            var start = timespec()
            clock_gettime(CLOCK_MONOTONIC, &start)
            let spawned = posix_spawnp(&pid, "/usr/bin/time", &actions, nil, argv, environ)
            guard spawned == 0 else {
                throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))")
            }
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0 {
                guard errno == EINTR else { throw BenchError("waiting for \(executable) failed: \(String(cString: strerror(errno)))") }
            }
            var end = timespec()
            clock_gettime(CLOCK_MONOTONIC, &end)

            let exited = status & 0x7F == 0
            let code = (status >> 8) & 0xFF
            guard exited, code == 0 else {
                let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
                let how = exited ? "exited with \(code)" : "was killed by signal \(status & 0x7F)"
                throw BenchError("\(executable) \(arguments.joined(separator: " ")) \(how): \(errors.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            wallSeconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) * 1e-9
            // GNU time's %M is the child's maximum resident set in KiB, on the file's last line.
            let report = (try? String(contentsOfFile: peakPath, encoding: .utf8)) ?? ""
            let kibibytes = report.split(whereSeparator: \.isNewline).last.flatMap { Double($0) } ?? 0
            peakMegabytes = kibibytes * 1024 / 1_000_000
            _ = usage
            self.output = output == nil
                ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                : ""
        }
    }
}
