import Foundation
import KassaSMTP
import KassaTesting
import Logging

/// `smtp-send`: 20,000 pre-rendered messages of about 2 KB over one connection to Postfix's
/// `smtp-sink` on 127.0.0.1, against Postfix's own client `smtp-source` (one session, the
/// same count, 2 KB payloads) and Python's `smtplib` on a reused connection, all three to
/// the same sink in this run, taking turns for three rounds.
///
/// Kassa's figure is `SMTPClient.send` as `SMTPTransport.deliver` uses it, commit point
/// included (an empty commit), minus the MIME encoding, which is done before the clock
/// starts. smtp-sink offers PIPELINING, so Kassa sends MAIL, RCPT and DATA in one write;
/// smtp-source and smtplib do not pipeline.
enum SMTPSendBench {
    static let messageCount = 20_000
    static let rounds = 3

    static func run() async throws -> [Figure] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kassa-bench-smtp-send-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let sink = try SMTPSinkServer(backlog: 100, logPath: folder.appendingPathComponent("smtp-sink.log").path)
        defer { sink.stop() }

        progress("pre-rendering \(messageCount) messages")
        let envelopes = try (0..<messageCount).map { try envelope(number: $0) }
        let averageSize = envelopes.reduce(0) { $0 + $1.message.count } / envelopes.count
        let sample = folder.appendingPathComponent("message.eml").path
        _ = FileManager.default.createFile(atPath: sample, contents: Data(envelopes[0].message))

        guard let source = ["/usr/sbin/smtp-source", "/usr/bin/smtp-source"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BenchError("smtp-source is not installed; run scripts/setup")
        }
        let client = try SMTPClient(
            server: SMTPServer(host: sink.host, port: sink.port),
            configuration: SMTPClientConfiguration(tls: .none, ehloName: "bench.kassa.localhost"),
            logger: Logger(label: "kassa.bench.smtp")
        )

        // Loopback ping-pong is at the mercy of the scheduler (other processes, idle CPUs
        // waking up), so the three take turns, round after round, and each keeps its best.
        var anchorRate = 0.0, kassaRate = 0.0, pythonRate = 0.0
        var kassaSeconds = 0.0, kassaCPU = 0.0
        for round in 1...rounds {
            progress("round \(round) of \(rounds): smtp-source -d -s 1 -m \(messageCount) -l 2048")
            let anchor = try ChildRun(source, ["-d", "-s", "1", "-m", "\(messageCount)", "-l", "2048", "-f", "info@example.se",
                                               "-t", "kund@example.se", "127.0.0.1:\(sink.port)"], in: folder.path)
            anchorRate = max(anchorRate, Double(messageCount) / anchor.wallSeconds)

            progress("round \(round) of \(rounds): kassa SMTPClient")
            let start = monotonicSeconds()
            let startCPU = cpuSeconds()
            let accepted = await send(envelopes, with: client)
            let seconds = monotonicSeconds() - start
            guard accepted == messageCount, client.connectionAttempts == round else {
                throw BenchError("smtp-send: kassa got \(accepted) of \(messageCount) messages accepted over \(client.connectionAttempts) connections in \(round) rounds")
            }
            if Double(messageCount) / seconds > kassaRate {
                kassaRate = Double(messageCount) / seconds
                kassaSeconds = seconds
                kassaCPU = cpuSeconds() - startCPU
            }

            progress("round \(round) of \(rounds): python3 smtplib, one connection")
            let python = try ChildRun("python3", ["-c", pythonSend, sample, "\(sink.port)", "\(messageCount)"], in: folder.path)
            guard let rate = Double(python.output), rate > 0 else {
                throw BenchError("smtp-send: python3 smtplib printed \(python.output)")
            }
            pythonRate = max(pythonRate, rate)
        }

        let shape = "\(messageCount) messages of \(averageSize) bytes, one connection, smtp-sink on 127.0.0.1, best of \(rounds) interleaved rounds each"
        return [
            Figure(bench: "smtp-send", value: kassaRate, unit: "msg/s",
                   anchor: "Postfix smtp-source -d -s 1 -l 2048, same sink", anchorValue: anchorRate, goal: ">= 0.9",
                   note: "ratio = kassa / smtp-source, higher is better; \(shape); kassa pipelines MAIL/RCPT/DATA "
                       + "(smtp-source does not), commit point included; kassa \(String(format: "%.2f s", kassaSeconds)) "
                       + "(\(String(format: "%.2f s", kassaCPU)) CPU, both threads), smtp-source timed with its start"),
            Figure(bench: "smtp-send-vs-python", value: kassaRate, unit: "msg/s",
                   anchor: "python3 smtplib sendmail, one reused connection", anchorValue: pythonRate, goal: ">= 2.0",
                   note: "ratio = kassa / smtplib, higher is better; the same message bytes; smtplib timed from connect to quit"),
        ]
    }

    /// Sends `envelopes` over one connection of `client`, as a mailing's sender does (the run
    /// follows the connection to its event loop), and closes it; returns how many were accepted.
    static func send(_ envelopes: [SMTPEnvelope], with client: SMTPClient) async -> Int {
        await withTaskExecutorPreference(client.taskExecutor) {
            var accepted = 0
            for envelope in envelopes {
                if case .accepted = await client.send(envelope, commit: {}) {
                    accepted += 1
                }
            }
            await client.close()
            return accepted
        }
    }

    /// One pre-rendered message: about 2 KB of Swedish text, quoted-printable, like a
    /// mailing's.
    static func envelope(number: Int) throws -> SMTPEnvelope {
        let line = "Hej! Våra vårnyheter är här: cyklar, hjälmar och lås till bra priser i butiken i Västerås.\n"
        let text = String(repeating: line, count: 12)
        let message = MailMessage(
            from: try MailAddress(parsing: "Cykelbutiken <info@example.se>"),
            to: [MailAddress("kund\(number)@example.se", displayName: "Kund \(number) Öberg")],
            subject: "Vårnyheter från Cykelbutiken",
            text: text
        )
        return try MIMEEncoder(timeZone: TimeZone(identifier: "Europe/Stockholm")!).encode(message).envelope
    }

    /// smtplib's way on one connection; prints messages per second from connect to quit.
    static let pythonSend = """
        import smtplib, sys, time
        path, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        message = open(path, "rb").read()
        start = time.perf_counter()
        connection = smtplib.SMTP("127.0.0.1", port, local_hostname="bench.python.localhost")
        for number in range(count):
            connection.sendmail("info@example.se", ["kund%d@example.se" % number], message)
        connection.quit()
        print(count / (time.perf_counter() - start))
        """

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("smtp-send: \(text)\n".utf8))
    }
}
