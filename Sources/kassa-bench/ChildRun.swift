import Foundation

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

/// The release `kassa` built beside this benchmark binary (scripts/bench builds both).
func kassaBesideBench() throws -> String {
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

/// The repository root: the current folder when scripts/bench runs us, else beside these sources.
func repositoryRoot() throws -> String {
    let candidates = [
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent(),
    ]
    guard let root = candidates.first(where: {
        FileManager.default.fileExists(atPath: $0.appendingPathComponent("plugins/hello.lua").path)
    }) else {
        throw BenchError("no repository root with plugins/hello.lua at \(candidates.map(\.path).joined(separator: " or "))")
    }
    return root.path
}
