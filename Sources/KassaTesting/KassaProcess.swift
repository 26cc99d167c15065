import Foundation

/// Runs the built `kassa` executable as a user or a script would, and captures what it says.
public enum KassaProcess {
    /// What one run produced.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `kassa` built beside the running tests.
    public static var executable: String {
        if let override = ProcessInfo.processInfo.environment["KASSA_BINARY"] { return override }
        return builtExecutable(named: "kassa")
    }

    /// The executable `name` of this package built beside the running tests (such as the
    /// test-only `kassa-crash-test`); just `name` when there is none, to be found on `PATH`.
    public static func builtExecutable(named name: String) -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle.
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue { return candidate.path }
            directory.deleteLastPathComponent()
        }
        return name
    }

    /// The repository root (where `plugins/` and `examples/` are).
    public static var repositoryRoot: String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory.path }
            directory.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }

    /// Runs `kassa ARGUMENTS` in `directory` with `environment` added, and waits for it.
    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                           input: String? = nil) throws -> Result {
        try runProgram(executable, arguments, in: directory ?? repositoryRoot, environment: environment, input: input)
    }

    /// Starts `kassa ARGUMENTS` in `directory` without waiting, its output discarded: for
    /// tests that stop or kill it midway.
    public static func start(_ arguments: [String], in directory: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs any program (found on `PATH` when `program` has no slash) and waits for it.
    public static func runProgram(_ program: String, _ arguments: [String], in directory: String? = nil,
                                  environment: [String: String] = [:], input: String? = nil) throws -> Result {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        // Read both pipes while the process runs so neither can fill up and block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self))
    }
}
