import Foundation
import KassaCore
import KassaSMS
import KassaTesting
import Logging

/// `sms-kannel`: messages per second through Kannel's sendsms interface over one kept-alive
/// connection, Kassa's `KannelSMSTransport` against a Python `http.client` loop on one
/// connection doing the same requests, both against the same gateway in the same run.
///
/// The gateway is a real Kannel on 127.0.0.1 (bearerbox, smsbox, the fake SMS centre,
/// started by `KannelGateway`). Each side sends `messages` one-segment GSM-7 SMS with the
/// same parameters (username, password, to, from, charset, coding, text) and checks every
/// answer is `0: Accepted for delivery`; only the sending loop is timed (wall clock), not
/// the start of a process. The two run interleaved, `runs` times each after a warm-up, and
/// the best run of each counts; at the end the fake SMS centre must have received them all.
enum SMSKannelBench {
    static let messages = 4000
    static let warmUp = 200
    static let runs = 2
    static let text = "Hej Anna! Vårrean börjar på lördag: 20 % på alla cyklar. Välkommen till Cykelbutiken!"

    static func run() async throws -> [Figure] {
        var options = KannelGateway.Options()
        options.logLevel = 2
        let gateway = try KannelGateway.start(options)
        defer { gateway.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-bench-sms-kannel-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("sendsms.py").path
        try pythonClient.write(toFile: script, atomically: true, encoding: .utf8)

        let transport = try KannelSMSTransport(
            configuration: .init(url: gateway.sendsmsURL, username: gateway.username, password: gateway.password, sender: "Cykelbutik"),
            logger: Logger(label: "kassa.bench") { _ in SwiftLogNoOpLogHandler() })

        progress("warming up")
        _ = try await kassaRate(transport, count: warmUp, offset: 0)
        _ = try pythonRate(script, gateway: gateway, count: warmUp, offset: 0)

        var kassaBest = 0.0
        var pythonBest = 0.0
        var offset = warmUp
        for run in 1...runs {
            progress("run \(run) of \(runs): kassa")
            kassaBest = max(kassaBest, try await kassaRate(transport, count: messages, offset: offset))
            offset += messages
            progress("run \(run) of \(runs): python3 http.client")
            pythonBest = max(pythonBest, try pythonRate(script, gateway: gateway, count: messages, offset: offset))
            offset += messages
        }
        await transport.close()
        guard transport.connectionsOpened == 1 else {
            throw BenchError("KannelSMSTransport opened \(transport.connectionsOpened) connections, not one kept alive")
        }
        let total = 2 * warmUp + 2 * runs * messages
        _ = try gateway.waitForMessages(count: total, timeout: 60)

        return [Figure(
            bench: "sms-kannel", value: kassaBest, unit: "msg/s",
            anchor: "python3 http.client, one kept-alive connection, same requests, same gateway", anchorValue: pythonBest,
            goal: ">= 0.9",
            note: "ratio = kassa msg/s / python msg/s, higher is better; \(messages) one-segment GSM-7 SMS per run, best of \(runs) "
                + "interleaved runs after \(warmUp) warm-up each; Kannel 1.4.5 bearerbox + smsbox + fakesmsc on 127.0.0.1, "
                + "every answer checked, all \(total) received by the fake SMS centre")]
    }

    /// Kassa's rate: `count` deliveries through the transport, wall clock, run on the
    /// transport's executor as a mailing's sender runs.
    static func kassaRate(_ transport: KannelSMSTransport, count: Int, offset: Int) async throws -> Double {
        try await withTaskExecutorPreference(transport.executor) {
            let start = monotonicSeconds()
            for index in offset..<(offset + count) {
                let message = OutgoingMessage(channel: .sms, mailingID: 1, customerNumber: "\(index)", address: receiver(index),
                                              content: RenderedMessage(text: text), purpose: .marketing, idempotencyKey: "bench-\(index)")
                let outcome = await transport.deliver(message) {}
                guard case .sent = outcome else { throw BenchError("Kannel did not take message \(index): \(outcome)") }
            }
            return Double(count) / (monotonicSeconds() - start)
        }
    }

    /// Python's rate, as the script measures its own loop.
    static func pythonRate(_ script: String, gateway: KannelGateway, count: Int, offset: Int) throws -> Double {
        let run = try ChildRun("python3", [script, gateway.sendsmsURL, gateway.username, gateway.password, String(count), String(offset), text],
                               in: (script as NSString).deletingLastPathComponent)
        guard let rate = Double(run.output) else { throw BenchError("the Python client printed \"\(run.output)\", not a rate") }
        return rate
    }

    static func receiver(_ index: Int) -> String { "+46700\(String(format: "%06d", index))" }

    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("sms-kannel: \(text)\n".utf8))
    }

    /// The anchor: the standard library's keep-alive client, one connection, the same
    /// requests; prints messages per second of its loop.
    static let pythonClient = #"""
    import http.client, sys, time, urllib.parse
    url, username, password, count, offset, text = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port)
    start = time.monotonic()
    for index in range(offset, offset + count):
        query = urllib.parse.urlencode([("username", username), ("password", password), ("to", "+46700%06d" % index),
                                        ("from", "Cykelbutik"), ("charset", "UTF-8"), ("coding", "0"), ("text", text)])
        connection.request("GET", parts.path + "?" + query)
        response = connection.getresponse()
        body = response.read()
        if not body.startswith(b"0:"):
            sys.exit("message %d: %d %r" % (index, response.status, body))
    elapsed = time.monotonic() - start
    connection.close()
    print(count / elapsed)
    """#
}
