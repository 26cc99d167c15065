import Foundation

/// `csv-import`: `kassa customers import` of a 1,000,000-customer CSV file into a new
/// register, against `sqlite3 .import` and Python's `csv` + `executemany` of the same file,
/// all three in this run, best of three rounds each. Also kassa's peak memory, beside sqlite3's.
///
/// The file is made by the built `kassa` itself (`demo seed --seed 1`, then `customers
/// export`), so it is the same file on every run and has the columns and quoting of a real
/// export: one row per vehicle, so 1,000,000 customers are about 1.25 million rows. The
/// rates are CSV rows per second for all three, so their ratio is the ratio of their times.
enum CSVImportBench {
    static let customers = 1_000_000
    static let rounds = 3

    static func run() throws -> [Figure] {
        let kassa = try builtKassa()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kassa-bench-csv-import-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let file = path("customers.csv")

        progress("generating \(customers) demo customers as CSV")
        _ = try measured(kassa, in: folder, ["demo", "seed", "--customers", "\(customers)", "--seed", "1", "--db", path("seed.sqlite"), "--json"])
        _ = try measured(kassa, in: folder, ["customers", "export", "--db", path("seed.sqlite"), "-o", file])
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path("seed.sqlite") + suffix) }

        // Three rounds, each tool once per round into a new database, the best time of each
        // kept, and the order turned each round so that every tool runs once first, once
        // second, once last: a run right after another tool's writing was measured slower
        // (kassa's two threads more than the one-threaded anchors), so single runs varied by
        // up to 25 %.
        func fresh(_ database: String) -> String {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            return database
        }
        enum Tool: CaseIterable { case sqlite, python, kassa }
        var best: [Tool: ChildRun] = [:]
        var peak = 0.0
        var slowestKassa = 0.0
        var rows = 0
        for round in 0..<rounds {
            let order = Tool.allCases.indices.map { Tool.allCases[($0 + round) % Tool.allCases.count] }
            for tool in order {
                let run: ChildRun
                switch tool {
                case .sqlite:
                    progress("round \(round + 1) of \(rounds): sqlite3 .import")
                    run = try measured("sqlite3", in: folder, [fresh(path("anchor.sqlite")), "-cmd", ".mode csv", ".import \(file) customers"])
                    rows = Int(try measured("sqlite3", in: folder, [path("anchor.sqlite"), "SELECT COUNT(*) FROM customers"]).output) ?? 0
                    guard rows >= customers else { throw BenchError("sqlite3 imported \(rows) rows, expected at least \(customers)") }
                case .python:
                    progress("round \(round + 1) of \(rounds): python3 csv + executemany")
                    run = try measured("python3", in: folder, ["-c", pythonImport, file, fresh(path("python.sqlite"))])
                    guard let pythonRows = Int(run.output), pythonRows >= customers else {
                        throw BenchError("python3 inserted \(run.output) rows, expected at least \(customers)")
                    }
                    if rows > 0, pythonRows != rows { throw BenchError("python3 inserted \(pythonRows) rows, sqlite3 \(rows)") }
                case .kassa:
                    progress("round \(round + 1) of \(rounds): kassa customers import")
                    run = try measured(kassa, in: folder, ["customers", "import", file, "--db", fresh(path("kassa.sqlite")), "--json"])
                    let report = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
                    guard let inserted = report?["inserted"] as? Int, inserted == customers else {
                        throw BenchError("kassa customers import did not insert \(customers) customers: \(run.output)")
                    }
                    peak = max(peak, run.peakMegabytes)
                    slowestKassa = max(slowestKassa, run.wallSeconds)
                }
                if run.wallSeconds < best[tool]?.wallSeconds ?? .infinity { best[tool] = run }
            }
        }
        let (sqlite, python, imported) = (best[.sqlite], best[.python], best[.kassa])
        guard let sqlite, let python, let imported else { throw BenchError("csv-import ran no round") }

        let rate = Double(rows) / imported.wallSeconds
        let customerRate = Double(customers) / imported.wallSeconds
        let shape = "\(customers) customers = \(rows) CSV rows, one file, new database each, best of \(rounds) rounds"
        return [
            Figure(bench: "csv-import", value: rate, unit: "rows/s",
                   anchor: "sqlite3 .import, same file", anchorValue: Double(rows) / sqlite.wallSeconds, goal: ">= 0.9",
                   note: "ratio = kassa rows/s / sqlite3 rows/s, higher is better; \(shape); kassa \(seconds(imported.wallSeconds)) (slowest round \(seconds(slowestKassa))), "
                       + "\(Int(customerRate)) customers/s (parse thread + write thread, one transaction, written through a rollback journal into the new file), "
                       + "sqlite3 \(seconds(sqlite.wallSeconds)) (rollback journal, all columns TEXT, no index)"),
            Figure(bench: "csv-import-vs-python", value: rate, unit: "rows/s",
                   anchor: "python3 csv + executemany, same file", anchorValue: Double(rows) / python.wallSeconds, goal: ">= 1.5",
                   note: "ratio = kassa rows/s / python rows/s, higher is better; python \(seconds(python.wallSeconds))"),
            Figure(bench: "csv-import-peak-memory", value: peak, unit: "MB",
                   anchor: "sqlite3 .import peak RSS", anchorValue: sqlite.peakMegabytes, goal: "< 200",
                   note: "the goal is for the value (kassa's largest peak RSS of the rounds, importing \(customers) customers), not the ratio; "
                       + "the anchor is for context"),
        ]
    }

    /// Python's standard way: `csv.reader` into `executemany`, one transaction; prints the
    /// number of rows inserted.
    static let pythonImport = """
        import csv, sqlite3, sys
        path, database = sys.argv[1], sys.argv[2]
        connection = sqlite3.connect(database)
        with open(path, newline="", encoding="utf-8") as source:
            rows = csv.reader(source)
            header = next(rows)
            columns = ", ".join('"%s"' % name.replace('"', '""') for name in header)
            connection.execute("CREATE TABLE customers (%s)" % columns)
            connection.executemany("INSERT INTO customers VALUES (%s)" % ", ".join("?" * len(header)), rows)
        connection.commit()
        print(connection.total_changes)
        """

    /// The release `kassa` built beside this `kassa-bench`.
    static func builtKassa() throws -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let kassa = me.deletingLastPathComponent().appendingPathComponent("kassa").path
        guard FileManager.default.isExecutableFile(atPath: kassa) else {
            throw BenchError("csv-import needs the kassa executable beside kassa-bench (\(kassa)): swift build -c release --product kassa")
        }
        return kassa
    }

    /// Runs a program to its end in the bench's folder (its wall time, peak RSS and
    /// output, as `select-sql` measures them); throws when it fails.
    ///
    /// Dirty pages left by the run before (a few hundred MB each) are flushed first, so
    /// that no run pays for the previous one's write-back.
    static func measured(_ program: String, in folder: URL, _ arguments: [String]) throws -> ChildRun {
        sync()
        return try ChildRun(program, arguments, in: folder.path)
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("csv-import: \(text)\n".utf8))
    }
}
