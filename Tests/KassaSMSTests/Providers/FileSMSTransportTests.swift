import Foundation
import KassaCore
import KassaSMS
import KassaTesting
import Testing

@Suite("The file SMS transport: one JSON line per message in the outbox")
struct FileSMSTransportTests {
    private func lines(_ path: String) throws -> [FileSMSTransport.Record] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(FileSMSTransport.Record.self, from: Data($0.utf8)) }
    }

    @Test("Each message becomes one line with its fields, in a file named by the UTC date")
    func writesRecords() throws {
        let folder = TemporaryDirectory()
        let outbox = folder.file("outbox/nested")
        let time = Date(timeIntervalSince1970: 1_794_990_400)  // 2026-11-18T08:26:40Z
        let transport = try FileSMSTransport(directory: outbox, sender: "Cykelbutik", clock: { time }, logger: quietLogger)
        let commits = CommitRecorder()

        let plain = transport.deliver(sms("Hej Anna! Rea på lördag.", to: "+46701234567", customer: "1001")) { try commits.commit() }
        let unicode = transport.deliver(sms("Hej Łukasz 😀", to: "+48601234567", customer: "1002", mailing: nil)) { try commits.commit() }
        #expect(plain == .sent(reference: nil))
        #expect(unicode == .sent(reference: nil))
        #expect(commits.count == 2)

        let path = transport.file(for: time)
        #expect(path == outbox + "/sms-20261118.jsonl")
        let records = try lines(path)
        #expect(records.count == 2)
        #expect(records[0] == FileSMSTransport.Record(
            time: "2026-11-18T08:26:40Z", to: "+46701234567", from: "Cykelbutik", text: "Hej Anna! Rea på lördag.",
            encoding: "GSM-7", segments: 1, mailing: 7, customer: "1001", idempotencyKey: "mailing-7-customer-1001"))
        #expect(records[1].encoding == "UCS-2")
        #expect(records[1].mailing == nil)
        #expect(records[1].text == "Hej Łukasz 😀")
    }

    @Test("A long text is one line with its segment count; a missing sender and mailing are null")
    func longTextAndNulls() throws {
        let folder = TemporaryDirectory()
        let transport = try FileSMSTransport(directory: folder.path, sender: nil, logger: quietLogger)
        let text = String(repeating: "Vårrea! ", count: 40)
        #expect(transport.deliver(sms(text, mailing: nil)) {}.isSent)
        let path = transport.file(for: Date())
        let line = try String(contentsOfFile: path, encoding: .utf8)
        #expect(line.hasSuffix("}\n"))
        #expect(line.contains(#""from":null"#))
        #expect(line.contains(#""mailing":null"#))
        #expect(try lines(path)[0].segments == SMSAnalysis.analyze(text).segments)
    }

    @Test("Messages of another day go to that day's file")
    func dayChange() throws {
        let folder = TemporaryDirectory()
        var time = Date(timeIntervalSince1970: 1_795_037_400)  // 2026-11-18T21:30:00Z
        let transport = try FileSMSTransport(directory: folder.path, sender: nil, clock: { time }, logger: quietLogger)
        #expect(transport.deliver(sms("first", customer: "1")) {}.isSent)
        time.addTimeInterval(3 * 3600)
        #expect(transport.deliver(sms("second", customer: "2")) {}.isSent)
        #expect(try lines(folder.file("sms-20261118.jsonl")).map(\.text) == ["first"])
        #expect(try lines(folder.file("sms-20261119.jsonl")).map(\.text) == ["second"])
    }

    @Test("The commit comes before the line is written")
    func commitBeforeWrite() throws {
        let folder = TemporaryDirectory()
        let transport = try FileSMSTransport(directory: folder.path, sender: nil, logger: quietLogger)
        let commits = CommitRecorder()
        var linesAtCommit: [Int] = []
        commits.atCommit = {
            let text = (try? String(contentsOfFile: transport.file(for: Date()), encoding: .utf8)) ?? ""
            linesAtCommit.append(text.split(separator: "\n").count)
        }
        for number in 0..<3 {
            #expect(transport.deliver(sms("message \(number)", customer: "\(number)")) { try commits.commit() }.isSent)
        }
        #expect(linesAtCommit == [0, 1, 2])
    }

    @Test("A refused commit writes nothing and asks for a retry")
    func refusedCommit() throws {
        let folder = TemporaryDirectory()
        let transport = try FileSMSTransport(directory: folder.path, sender: nil, logger: quietLogger)
        let commits = CommitRecorder()
        commits.refuse = true
        let outcome = transport.deliver(sms("never written")) { try commits.commit() }
        #expect(outcome.isRetry)
        #expect(outcome.reason?.contains("the journal is full") == true)
        let text = (try? String(contentsOfFile: transport.file(for: Date()), encoding: .utf8)) ?? ""
        #expect(text.isEmpty)
    }

    @Test("A message without text or number fails before the commit")
    func unsendable() throws {
        let folder = TemporaryDirectory()
        let transport = try FileSMSTransport(directory: folder.path, sender: nil, logger: quietLogger)
        let commits = CommitRecorder()
        let noText = transport.deliver(sms(nil)) { try commits.commit() }
        let noNumber = transport.deliver(sms("Hej", to: "", customer: "4711")) { try commits.commit() }
        #expect(noText.isFailed && noText.reason?.contains("+46701234567") == true)
        #expect(noNumber.isFailed && noNumber.reason?.contains("4711") == true)
        #expect(commits.count == 0)
    }

    @Test("An outbox folder that cannot be created is a clear error")
    func outboxUnavailable() throws {
        let folder = TemporaryDirectory()
        let blocker = try folder.write("file", "not a folder")
        let error = #expect(throws: SMSTransportError.self) {
            try FileSMSTransport(directory: blocker + "/outbox", sender: nil, logger: quietLogger)
        }
        #expect(error?.code == .outboxUnavailable)
        #expect(error?.message.contains(blocker + "/outbox") == true)
    }

    @Test("The outbox file is readable by its owner alone, in a folder only the owner can enter")
    func privateModes() throws {
        let folder = TemporaryDirectory()
        let outbox = folder.file("outbox/sms")
        let transport = try FileSMSTransport(directory: outbox, sender: nil, logger: quietLogger)
        #expect(transport.deliver(sms("Hej")) {}.isSent)
        #expect(filePermissions(transport.file(for: Date())) == 0o600)
        #expect(filePermissions(folder.file("outbox")) == 0o700)
        #expect(filePermissions(outbox) == 0o700)
    }

    @Test("A symbolic link planted at the day's file is refused, not written through")
    func plantedLink() throws {
        let folder = TemporaryDirectory()
        let time = Date(timeIntervalSince1970: 1_794_990_400)  // 2026-11-18T08:26:40Z
        let transport = try FileSMSTransport(directory: folder.file("outbox"), sender: nil, clock: { time }, logger: quietLogger)
        let target = try folder.write("elsewhere.jsonl", "")
        try FileManager.default.createSymbolicLink(atPath: transport.file(for: time), withDestinationPath: target)
        let commits = CommitRecorder()
        let outcome = transport.deliver(sms("Hej")) { try commits.commit() }
        #expect(outcome.isRetry)
        #expect(outcome.reason?.contains(transport.file(for: time)) == true, "\(outcome)")
        #expect(outcome.reason?.contains("symbolic link") == true, "\(outcome)")
        #expect(commits.count == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).isEmpty)
    }
}
