import Foundation
import KassaSMTP
import KassaTesting
import Logging

/// `mailing-end-to-end`: `kassa mailing create` + `kassa mailing send` of a 100,000-recipient
/// e-mail mailing to Postfix's `smtp-sink` on loopback: selection snapshot, rendering,
/// journaling and SMTP, whole processes, as a cron job would run them, against the raw
/// SMTP rate of the same run: Kassa's own `SMTPClient` sending pre-encoded messages of
/// about the same size over one connection to the same sink (issue 14: goal ≥ 0.6 of it,
/// memory flat). A ratio, because two machines of this kind differ by 2× in absolute speed;
/// it says what selection, rendering and the journal cost on top of the wire.
enum MailingEndToEndBench {
    static let recipientsWanted = 100_000
    static let rawMessages = 20_000

    static func run() async throws -> [Figure] {
        let kassa = try kassaBesideBench()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-bench-mailing-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("kassa.sqlite").path

        let sink = try SMTPSinkServer(backlog: 1024, logPath: folder.appendingPathComponent("smtp-sink.log").path)
        defer { sink.stop() }
        try """
            [shop]
            name = "Cykelbutiken"
            [throttle]
            batch = 0
            pause = 0
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

        let envelopes = try (0..<rawMessages).map { try SMTPSendBench.envelope(number: $0) }
        let client = try SMTPClient(server: SMTPServer(host: sink.host, port: sink.port),
                                    configuration: SMTPClientConfiguration(tls: .none, ehloName: "bench.kassa.localhost"),
                                    logger: Logger(label: "kassa.bench.smtp"))
        let rawStart = monotonicSeconds()
        let accepted = await SMTPSendBench.send(envelopes, with: client)
        let rawSeconds = monotonicSeconds() - rawStart
        guard accepted == rawMessages else { throw BenchError("the raw SMTP send got \(accepted) of \(rawMessages) accepted") }
        return [
            Figure(bench: "mailing-end-to-end", value: Double(sent) / seconds, unit: "messages/s",
                   anchor: "raw SMTPClient send of pre-encoded ~2 KB messages, one connection, same sink, same run",
                   anchorValue: Double(rawMessages) / rawSeconds, goal: ">= 0.6",
                   note: "ratio = end to end / raw wire rate, higher is better; \(sent) recipients, ~1.6 KB text each: create \(String(format: "%.2f", create.wallSeconds)) s + send \(String(format: "%.2f", send.wallSeconds)) s (whole processes) to smtp-sink on loopback, one connection; raw: \(rawMessages) messages in \(String(format: "%.2f", rawSeconds)) s"),
            Figure(bench: "mailing-end-to-end-peak-memory", value: max(create.peakMegabytes, send.peakMegabytes), unit: "MB",
                   anchor: "the same mailing's send at a tenth of the size would be flat memory: < 100 MB", anchorValue: 100,
                   goal: "< 100", note: "peak resident memory of create and send (GNU time %M)"),
        ]
    }
}
