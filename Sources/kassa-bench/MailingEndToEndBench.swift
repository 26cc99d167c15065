import Foundation
import KassaTesting

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
