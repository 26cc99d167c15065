import Foundation

/// `mailing-end-to-end`: `kassa mailing create` + `kassa mailing send` of a 100,000-recipient
/// e-mail mailing to Postfix's `smtp-sink` on loopback: selection snapshot, rendering,
/// journaling and SMTP, whole processes, as a cron job would run them (issue 5: goal ≥ 5,000
/// messages/s, memory flat).
enum MailingEndToEndBench {
    static let recipientsWanted = 100_000

    static func run() throws -> [Figure] {
        let kassa = try kassaBesideBench()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-bench-mailing-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("kassa.sqlite").path

        let sink = try SMTPSink.start(in: folder.path)
        defer { sink.stop() }
        try """
            [shop]
            name = "Cykelbutiken"
            [smtp]
            host = "127.0.0.1"
            port = \(sink.port)
            tls = "none"
            from = "Cykelbutiken <info@example.se>"
            """.write(to: folder.appendingPathComponent("kassa.toml"), atomically: true, encoding: .utf8)

        // About 85 % of demo customers have an e-mail address.
        _ = try ChildRun(kassa, ["demo", "seed", "--customers", String(recipientsWanted * 100 / 85), "--db", database], in: folder.path)
        let common = ["--db", database, "--config", folder.appendingPathComponent("kassa.toml").path]
        let create = try ChildRun(kassa, ["mailing", "create", "--channel", "email", "--purpose", "transactional", "--has", "email",
                                          "--subject", "Dina poäng hos #BUTIK#",
                                          "--text", String(repeating: "Hej #FORNAMN|kund#! Du har #POANG# poäng hos oss. ", count: 30)] + common,
                                  in: folder.path)
        let send = try ChildRun(kassa, ["mailing", "send", "1", "--json"] + common, in: folder.path)
        guard let data = send.output.data(using: .utf8),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let report = object["report"] as? [String: Any], let sent = report["sent"] as? Int, sent > 0,
              (report["failed"] as? Int) == 0
        else {
            throw BenchError("kassa mailing send did not report every message sent: \(send.output.prefix(400))")
        }
        let seconds = create.wallSeconds + send.wallSeconds
        return [
            Figure(bench: "mailing-end-to-end", value: Double(sent) / seconds, unit: "messages/s",
                   anchor: "the goal (no tool does this whole job to compare with)", anchorValue: 5_000, goal: ">= 5000/s",
                   note: "\(sent) recipients, ~1.6 KB text each: create \(String(format: "%.2f", create.wallSeconds)) s + send \(String(format: "%.2f", send.wallSeconds)) s to smtp-sink on loopback, one connection"),
            Figure(bench: "mailing-end-to-end-peak-memory", value: max(create.peakMegabytes, send.peakMegabytes), unit: "MB",
                   anchor: "the same mailing's send at a tenth of the size would be flat memory: < 100 MB", anchorValue: 100,
                   goal: "< 100", note: "peak resident memory of create and send (GNU time %M)"),
        ]
    }
}

/// Postfix's `smtp-sink` on a free loopback port, accepting and discarding mail.
final class SMTPSink {
    let port: Int
    private let process: Process

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    static func start(in directory: String) throws -> SMTPSink {
        guard let program = ["/usr/sbin/smtp-sink", "/usr/lib/postfix/sbin/smtp-sink"].first(where: FileManager.default.isExecutableFile) else {
            throw BenchError("smtp-sink is not installed (Debian package postfix; scripts/setup installs it)")
        }
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-u", "nobody", "127.0.0.1:\(port)", "1024"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if canConnect(port) { return SMTPSink(port: port, process: process) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw BenchError("smtp-sink did not listen on 127.0.0.1:\(port)")
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0 else { throw BenchError("no free port: \(String(cString: strerror(errno)))") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
