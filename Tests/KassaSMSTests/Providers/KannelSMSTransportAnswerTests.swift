import Foundation
import KassaCore
import KassaHTTP
import KassaSMS
import KassaTesting
import Testing

/// Answers a real Kannel gives only in rare states (a lost connection, a refusal between
/// the parts of one message), played by a scripted HTTP server in Kannel's place.
@Suite("The Kannel SMS transport: rare answers, from a scripted server")
struct KannelSMSTransportAnswerTests {
    private func transport(_ server: ScriptedHTTPServer, http: HTTPClient.Configuration = HTTPClient.Configuration()) throws -> KannelSMSTransport {
        try KannelSMSTransport(configuration: .init(url: server.url("/cgi-bin/sendsms"), username: "shop", password: "p&ss word",
                                                    sender: "Cykelbutik", http: http),
                               logger: quietLogger)
    }

    private static let accepted = ScriptedHTTPServer.Response(status: 202, body: "0: Accepted for delivery")

    @Test("A request carries the login, receiver, sender, charset, coding and text")
    func requestFields() async throws {
        let server = try ScriptedHTTPServer(responses: [Self.accepted])
        let transport = try transport(server)
        #expect(await transport.deliver(sms("Hej Åsa")) {}.isSent)
        #expect(await transport.deliver(sms("Hej Łukasz")) {}.isSent)
        let requests = try server.requests()
        #expect(requests.map(\.method) == ["GET", "GET"])
        #expect(requests[0].path == "/cgi-bin/sendsms")
        #expect(requests[0].query == ["username": "shop", "password": "p&ss word", "to": "+46701234567", "from": "Cykelbutik",
                                      "charset": "UTF-8", "coding": "0", "text": "Hej Åsa"])
        #expect(requests[1].query["coding"] == "2")
        #expect(requests[1].query["text"] == "Hej Łukasz")
    }

    @Test("A long text is one request per part, each with a header, all with one reference")
    func partsCarryHeaders() async throws {
        let server = try ScriptedHTTPServer(responses: [Self.accepted])
        let text = String(repeating: "Vårrea! ", count: 50)
        let parts = SMSAnalysis.analyze(text).parts
        #expect(try await transport(server).deliver(sms(text)) {}.isSent)
        let requests = try server.requests()
        #expect(requests.map { $0.query["text"] } == parts)
        #expect(requests.allSatisfy { $0.query["coding"] == "0" })
        // The header's bytes as the server decoded them: length, element, its length, then
        // reference (a byte above 127 decodes to U+FFFD), total and sequence.
        for (index, request) in requests.enumerated() {
            let header = try #require(request.query["udh"]).unicodeScalars.map(\.value)
            #expect(header.count == 6)
            #expect(Array(header.prefix(3)) == [5, 0, 3])
            #expect(Array(header.suffix(2)) == [UInt32(parts.count), UInt32(index + 1)])
        }
    }

    @Test("Temporal failure asks for a retry")
    func temporary() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 503, body: "Temporal failure, try again later.")])
        let outcome = try await transport(server).deliver(sms("Hej")) {}
        #expect(outcome.isRetry)
        #expect(outcome.reason?.contains("503: Temporal failure, try again later.") == true)
    }

    @Test("A success status with a text that is not Kannel's is unknown")
    func unexpected() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "<html>It works!</html>")])
        let outcome = try await transport(server).deliver(sms("Hej")) {}
        #expect(outcome.isUnknown)
        #expect(outcome.reason?.contains("It works!") == true)
    }

    @Test("A connection lost after the request is unknown, never retried")
    func lost() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(action: .drop)])
        let commits = CommitRecorder()
        let outcome = try await transport(server).deliver(sms("Hej")) { try commits.commit() }
        #expect(outcome.isUnknown)
        #expect(commits.count == 1)
    }

    @Test("A part refused after earlier parts were accepted is unknown, naming the part")
    func partialRefusal() async throws {
        let server = try ScriptedHTTPServer(responses: [Self.accepted, .init(status: 403, body: "Not routable. Do not try again.")])
        let text = String(repeating: "Vårrea! ", count: 50)
        let outcome = try await transport(server).deliver(sms(text)) {}
        #expect(outcome.isUnknown)
        #expect(outcome.reason?.contains("part 2 of \(SMSAnalysis.analyze(text).segments)") == true)
        #expect(outcome.reason?.contains("Not routable") == true)
        #expect(try server.requests().count == 2)
    }

    @Test("A refused commit sends nothing")
    func refusedCommit() async throws {
        let server = try ScriptedHTTPServer(responses: [Self.accepted])
        let commits = CommitRecorder()
        commits.refuse = true
        #expect(try await transport(server).deliver(sms("Hej")) { try commits.commit() }.isRetry)
        #expect(try server.requests().isEmpty)
    }

    @Test("A message without text fails before anything is sent")
    func noText() async throws {
        let server = try ScriptedHTTPServer(responses: [Self.accepted])
        let commits = CommitRecorder()
        #expect(try await transport(server).deliver(sms("")) { try commits.commit() }.isFailed)
        #expect(commits.count == 0)
        #expect(try server.requests().isEmpty)
    }
}
