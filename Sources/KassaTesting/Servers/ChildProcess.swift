import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program a test server runs in the background, its output going to a log file.
///
/// Started with `posix_spawn` and reaped with `waitpid` here, so that stopping it takes as
/// long as the program takes to exit and no longer. A watchdog shell kills the program if
/// the test process dies without stopping it (a crash, `kill -9`), so that no gateway
/// outlives the run that started it.
public final class ChildProcess {
    /// The program's process id.
    public let pid: pid_t
    /// Where its standard output and standard error go.
    public let logPath: String
    /// A short name for messages (`bearerbox`).
    public let name: String

    private var exited = false
    private var watchdog: pid_t?

    /// Starts `program` (an absolute path) with `arguments`, output appended to `logPath`.
    /// The program starts in this process's folder: give it absolute paths.
    public init(_ program: String, _ arguments: [String], logPath: String, name: String? = nil) throws {
        self.logPath = logPath
        self.name = name ?? (program as NSString).lastPathComponent
        pid = try Self.spawn([program] + arguments, output: logPath)
        let owner = getpid()
        watchdog = try? Self.spawn(
            ["/bin/sh", "-c", "while kill -0 \(owner) 2>/dev/null && kill -0 \(pid) 2>/dev/null; do sleep 1; done; kill -9 \(pid) 2>/dev/null; exit 0"],
            output: "/dev/null")
    }

    deinit {
        stop()
    }

    /// Whether the program is still running.
    public var isRunning: Bool {
        if exited { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid || (result < 0 && errno == ECHILD) { exited = true }
        return !exited
    }

    /// What the program wrote so far.
    public var output: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// Ends the program: `SIGTERM`, then `SIGKILL` if it is still there after `grace` seconds.
    public func stop(grace: Double = 3) {
        if isRunning {
            kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(grace)
            while isRunning, Date() < deadline { usleep(5_000) }
            if isRunning {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                exited = true
            }
        }
        if let watchdog {
            kill(watchdog, SIGKILL)
            var status: Int32 = 0
            while waitpid(watchdog, &status, 0) < 0 && errno == EINTR {}
            self.watchdog = nil
        }
    }

    private static func spawn(_ command: [String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // A test runner may block or ignore signals, and a child inherits both through exec:
        // give it a clean mask and default actions so that SIGTERM ends it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw TestServerError("\(command[0]) cannot be started: \(String(cString: strerror(result)))")
        }
        return pid
    }
}
