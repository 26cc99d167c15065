import Foundation

/// Postfix's `smtp-sink` on 127.0.0.1, on a free port: a fast SMTP server that accepts and
/// discards everything, with fault switches (`man smtp-sink`): `-Q CMD` answers CMD with 421
/// and disconnects, `-r CMD` answers it with 4xx, `-f CMD` with 5xx, `-p` hides PIPELINING.
public final class SMTPSinkServer {
    /// Always 127.0.0.1.
    public let host = "127.0.0.1"
    /// The port it listens on.
    public let port: Int
    private let child: ChildProcess

    /// The smtp-sink program, or `nil` when Postfix is not installed (`scripts/setup`
    /// installs it).
    public static var program: String? {
        ["/usr/sbin/smtp-sink", "/usr/bin/smtp-sink"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts smtp-sink with `options` (fault switches), writing what it says to `logPath`.
    public init(options: [String] = [], backlog: Int = 100, logPath: String? = nil) throws {
        guard let program = Self.program else {
            throw TestServerError("smtp-sink is not installed; run scripts/setup (it installs the postfix package)")
        }
        port = try LoopbackPort.free(1)[0]
        // Run as root, smtp-sink insists on dropping privileges to a named user.
        let user = getuid() == 0 ? ["-u", "nobody"] : []
        let log = logPath ?? (FileManager.default.temporaryDirectory.path + "/smtp-sink-\(UUID().uuidString).log")
        child = try ChildProcess(program, user + options + ["127.0.0.1:\(port)", String(backlog)], logPath: log)
        let deadline = Date().addingTimeInterval(10)
        while !LoopbackPort.isListening(port) {
            guard child.isRunning, Date() < deadline else {
                child.stop(grace: 0)
                throw TestServerError("smtp-sink did not listen on 127.0.0.1:\(port):\n\(child.output.suffix(2000))")
            }
            usleep(20_000)
        }
    }

    deinit {
        stop()
    }

    /// Stops the server (it keeps nothing worth a graceful end).
    public func stop() {
        child.stop(grace: 0)
    }
}
