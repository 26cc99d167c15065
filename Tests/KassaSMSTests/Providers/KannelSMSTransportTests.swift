import Foundation
import KassaCore
import KassaHTTP
import KassaSMS
import KassaTesting
import Testing

/// Against a real Kannel (bearerbox, smsbox and the fake SMS centre) on 127.0.0.1, started
/// for each test. `scripts/setup` installs Kannel.
@Suite("The Kannel SMS transport against a real Kannel", .serialized)
struct KannelSMSTransportTests {
    private func transport(_ gateway: KannelGateway, password: String? = nil, sender: String? = "Cykelbutik") throws -> KannelSMSTransport {
        try KannelSMSTransport(configuration: .init(url: gateway.sendsmsURL, username: gateway.username,
                                                    password: password ?? gateway.password, sender: sender),
                               logger: quietLogger)
    }

    /// The parts of one concatenated message, checked to be one message, joined in order.
    private func joined(_ parts: [KannelGateway.ReceivedSMS], ucs2: Bool) throws -> String {
        let headers = try parts.map { try #require($0.concatenation) }
        #expect(Set(headers.map(\.reference)).count == 1)
        #expect(headers.allSatisfy { $0.total == parts.count })
        #expect(headers.map(\.sequence).sorted() == Array(1...parts.count))
        return zip(headers, parts).sorted { $0.0.sequence < $1.0.sequence }.map { $0.1.text(ucs2: ucs2) }.joined()
    }

    @Test("A GSM-7 SMS arrives with its text, receiver and sender")
    func gsm7() async throws {
        let gateway = try KannelGateway.start()
        let commits = CommitRecorder()
        let text = "Hej Anna! Vårrean börjar på lördag: 20 % på allt. Välkommen! €5 [rabatt]"
        #expect(SMSAnalysis.analyze(text).encoding == .gsm7)
        let outcome = try await transport(gateway).deliver(sms(text, to: "+46701234567")) { try commits.commit() }
        #expect(outcome == .sent(reference: nil), "\(gateway.logs())")
        #expect(commits.count == 1)
        let received = try gateway.waitForMessages(count: 1)
        #expect(received.count == 1)
        #expect(received[0].kind == "text")
        #expect(received[0].text == text)
        #expect(received[0].receiver == "+46701234567")
        #expect(received[0].sender == "Cykelbutik")
    }

    @Test("A UCS-2 SMS (Swedish, Polish, an emoji) arrives intact")
    func ucs2() async throws {
        let gateway = try KannelGateway.start()
        let text = "Hej Łukasz! Grattis på födelsedagen 🎂 – välkommen åter 😀"
        #expect(SMSAnalysis.analyze(text).encoding == .ucs2)
        #expect(try await transport(gateway).deliver(sms(text)) {}.isSent)
        let received = try gateway.waitForMessages(count: 1)
        #expect(received.count == 1)
        #expect(received[0].kind == "ucs-2")
        #expect(received[0].text == text)
    }

    @Test("Without a sender the gateway's global sender is used")
    func globalSender() async throws {
        let gateway = try KannelGateway.start()
        #expect(try await transport(gateway, sender: nil).deliver(sms("Hej")) {}.isSent)
        #expect(try gateway.waitForMessages(count: 1)[0].sender == gateway.options.globalSender)
    }

    @Test("A long GSM-7 text arrives as concatenated parts, exactly the analysis' parts")
    func longGSM7() async throws {
        // A stock sendsms user (max-messages 1, no concatenation) must not matter.
        var options = KannelGateway.Options()
        options.maximumMessages = 1
        options.concatenation = false
        let gateway = try KannelGateway.start(options)
        let text = (0..<12).map { "Rad \($0): Vårrea på cyklar, hjälmar och lås {\($0)}. " }.joined()
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.encoding == .gsm7 && analysis.segments == 4)
        let commits = CommitRecorder()
        #expect(try await transport(gateway).deliver(sms(text)) { try commits.commit() } == .sent(reference: nil))
        #expect(commits.count == 1)
        let received = try gateway.waitForMessages(count: analysis.segments)
        #expect(received.count == analysis.segments)
        #expect(received.allSatisfy { $0.kind == "udh" && $0.receiver == "+46701234567" })
        #expect(try joined(received, ucs2: false) == text)
        #expect(received.sorted { $0.concatenation!.sequence < $1.concatenation!.sequence }.map { $0.text(ucs2: false) } == analysis.parts)
    }

    @Test("A long UCS-2 text arrives as parts that never split an emoji")
    func longUCS2() async throws {
        let gateway = try KannelGateway.start()
        // 66 letters put the emoji across the first part's end (67 code units).
        let text = String(repeating: "ż", count: 66) + "😀" + String(repeating: "ł", count: 40) + " 🚲🚲"
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.encoding == .ucs2 && analysis.segments == 2)
        #expect(try await transport(gateway).deliver(sms(text)) {}.isSent)
        let received = try gateway.waitForMessages(count: 2)
        #expect(received.count == 2)
        #expect(try joined(received, ucs2: true) == text)
        for part in received {
            // Every part decodes on its own: no lone surrogate (U+FFFD after decoding).
            #expect(!part.text(ucs2: true).contains("\u{FFFD}"))
        }
    }

    @Test("Many messages travel over one kept-alive connection")
    func keepAlive() async throws {
        let gateway = try KannelGateway.start()
        let transport = try transport(gateway)
        let count = 50
        // As a sender runs: on the connection's event loop, so that a test process whose
        // cooperative threads are busy with other tests cannot stall it past the idle timeout.
        await withTaskExecutorPreference(transport.executor) {
            for number in 0..<count {
                let outcome = await transport.deliver(sms("Meddelande \(number)", to: "+4670000\(1000 + number)", customer: "\(number)")) {}
                #expect(outcome.isSent, "message \(number): \(outcome)")
            }
        }
        #expect(transport.connectionsOpened == 1)
        let received = try gateway.waitForMessages(count: count)
        #expect(Set(received.map(\.text)) == Set((0..<count).map { "Meddelande \($0)" }))
        await transport.close()
        #expect(await transport.deliver(sms("after close")) {}.isSent)
        #expect(transport.connectionsOpened == 2)
    }

    @Test("A wrong password fails the session, not the message, with Kannel's reason, after the commit")
    func wrongPassword() async throws {
        let gateway = try KannelGateway.start()
        let commits = CommitRecorder()
        let outcome = try await transport(gateway, password: "wrong").deliver(sms("Hej")) { try commits.commit() }
        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("Authorization failed for sendsms") == true)
        #expect(outcome.reason?.contains("127.0.0.1:\(gateway.ports.sendsms)") == true)
        #expect(commits.count == 1)
        #expect(gateway.received().isEmpty)
    }

    @Test("A number no SMS centre routes fails: Not routable")
    func notRoutable() async throws {
        let gateway = try KannelGateway.start()
        let outcome = try await transport(gateway).deliver(sms("Hej", to: "999123456")) {}
        #expect(outcome.isFailed)
        #expect(outcome.reason?.contains("Not routable") == true)
        #expect(outcome.reason?.contains("999123456") == true)
    }

    @Test("Kannel down: the session fails; nothing reached the gateway")
    func kannelDown() async throws {
        let gateway = try KannelGateway.start()
        let transport = try transport(gateway)
        #expect(await transport.deliver(sms("first", customer: "1")) {}.isSent)
        gateway.stop()
        let commits = CommitRecorder()
        let outcome = await transport.deliver(sms("second", customer: "2")) { try commits.commit() }
        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("127.0.0.1:\(gateway.ports.sendsms)") == true)
        // The pool opens connections with the request, after the commit; nothing reached Kannel.
        #expect(commits.count == 1)
    }

    @Test("Queued for later delivery counts as sent: the message goes out once an SMS centre connects")
    func queuedIsSent() async throws {
        let gateway = try KannelGateway.start()
        gateway.stopSMSC()
        let outcome = try await transport(gateway).deliver(sms("Kommer senare")) {}
        #expect(outcome == .sent(reference: nil))
        #expect(gateway.received().isEmpty)
        try gateway.startSMSC()
        let received = try gateway.waitForMessages(count: 1, timeout: 30)
        #expect(received.map(\.text) == ["Kommer senare"])
    }
}
