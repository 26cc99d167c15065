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
        let path = try repositoryRoot() + "/plugins/" + name
        guard FileManager.default.fileExists(atPath: path) else { throw BenchError("the shipped plugin \(name) is not at \(path)") }
        return path
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
            kassaPath = try kassaBesideBench()
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
}
