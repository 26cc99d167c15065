import Foundation
import KassaCore
import KassaHTTP
import KassaSMS
import KassaTesting
import Testing

@Suite("The HTTP SMS transport against a local HTTP server")
struct HTTPSMSTransportTests {
    private func transport(_ server: ScriptedHTTPServer, format: HTTPSMSTransport.Configuration.Format = .form,
                           http: HTTPClient.Configuration = HTTPClient.Configuration()) throws -> HTTPSMSTransport {
        try HTTPSMSTransport(configuration: .init(url: server.url("/a1/sms"), username: "u123", password: "sekret",
                                                  sender: "Cykelbutik", format: format, http: http),
                             logger: quietLogger)
    }

    @Test("A message is a form POST with from, to, message, basic auth and the idempotency key; 2xx is sent with the provider's id")
    func formPost() async throws {
        let server = try ScriptedHTTPServer(responses: [.json(200, #"{"status": "created", "id": "s70df59406a1b4643b96f3f91e0bfb7b0", "parts": 1}"#)])
        let transport = try transport(server)
        let commits = CommitRecorder()
        let outcome = await transport.deliver(sms("Hej Åsa! Välkommen 😀")) { try commits.commit() }
        #expect(outcome == .sent(reference: "s70df59406a1b4643b96f3f91e0bfb7b0"))
        #expect(commits.count == 1)

        let request = try #require(try server.requests().first)
        #expect(request.method == "POST")
        #expect(request.path == "/a1/sms")
        #expect(request.form == ["from": "Cykelbutik", "to": "+46701234567", "message": "Hej Åsa! Välkommen 😀"])
        #expect(request.headers["authorization"] == "Basic " + Data("u123:sekret".utf8).base64EncodedString())
        #expect(request.headers["idempotency-key"] == "mailing-7-customer-1001")
    }

    @Test("The JSON format posts an object; Twilio's sid is the reference")
    func jsonPost() async throws {
        let server = try ScriptedHTTPServer(responses: [.json(201, #"{"sid": "SM123", "status": "queued"}"#)])
        let transport = try transport(server, format: .json)
        #expect(await transport.deliver(sms("Hej")) {} == .sent(reference: "SM123"))
        let request = try #require(try server.requests().first)
        #expect(request.headers["content-type"] == "application/json")
        let object = try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: String]
        #expect(object == ["from": "Cykelbutik", "to": "+46701234567", "message": "Hej"])
    }

    @Test("A long text is one request: the provider splits it")
    func longTextIsOneRequest() async throws {
        let server = try ScriptedHTTPServer(responses: [.json(200, #"{"id": "long"}"#)])
        let text = String(repeating: "Stor vårrea i butiken! ", count: 20)
        #expect(try await transport(server).deliver(sms(text)) {}.isSent)
        #expect(try server.requests().map { $0.form["message"] } == [text])
    }

    @Test("4xx fails with the provider's explanation", arguments: [
        (ScriptedHTTPServer.Response(status: 400, body: "Invalid to number"), "400: Invalid to number"),
        (.json(400, #"{"code": 21211, "message": "The 'To' number +4670 is not a valid phone number."}"#), "not a valid phone number"),
        (.init(status: 403), "403"),
    ])
    func refused(response: ScriptedHTTPServer.Response, expected: String) async throws {
        let server = try ScriptedHTTPServer(responses: [response])
        let outcome = try await transport(server).deliver(sms("Hej")) {}
        #expect(outcome.isFailed)
        #expect(outcome.reason?.contains(expected) == true)
        #expect(outcome.reason?.contains("+46701234567") == true)
    }

    @Test("401 fails the session: no message can go until the credentials are fixed")
    func unauthorized() async throws {
        let server = try ScriptedHTTPServer(responses: [.json(401, #"{"error": {"message": "Bad credentials"}}"#)])
        let outcome = try await transport(server).deliver(sms("Hej")) {}
        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("401: Bad credentials") == true)
    }

    @Test("429 and 5xx ask for a retry", arguments: [429, 500, 502, 503])
    func temporary(status: Int) async throws {
        let server = try ScriptedHTTPServer(responses: [.json(status, #"{"message": "Slow down"}"#)])
        let outcome = try await transport(server).deliver(sms("Hej")) {}
        #expect(outcome.isRetry)
        #expect(outcome.reason?.contains("\(status): Slow down") == true)
    }

    @Test("No server: the session fails, and nothing can have reached one")
    func noServer() async throws {
        let port = try LoopbackPort.free(1)[0]
        let transport = try HTTPSMSTransport(configuration: .init(url: "http://127.0.0.1:\(port)/a1/sms"), logger: quietLogger)
        let outcome = await transport.deliver(sms("Hej")) {}
        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("127.0.0.1:\(port)") == true)
    }

    @Test("A connection lost after the request was sent is unknown, never retried")
    func lostAfterCommit() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(action: .drop)])
        let outcome = try await transport(server).deliver(sms("Hej")) {}
        #expect(outcome.isUnknown)
        #expect(try server.requests().count == 1)
    }

    @Test("A late answer is unknown")
    func lateAnswer() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "{}", delay: 3)])
        let outcome = try await transport(server, http: .init(responseTimeout: 0.3)).deliver(sms("Hej")) {}
        #expect(outcome.isUnknown)
        #expect(outcome.reason?.contains("did not answer within") == true)
    }

    @Test("A refused commit sends nothing")
    func refusedCommit() async throws {
        let server = try ScriptedHTTPServer(responses: [.json(200, "{}")])
        let commits = CommitRecorder()
        commits.refuse = true
        #expect(try await transport(server).deliver(sms("Hej")) { try commits.commit() }.isRetry)
        #expect(try server.requests().isEmpty)
    }

    @Test("Messages share one kept-alive connection")
    func keepAlive() async throws {
        let server = try ScriptedHTTPServer(responses: [.json(202, #"{"id": 42}"#)])
        let transport = try transport(server)
        // As a sender runs: on the connection's event loop, so that a test process whose
        // cooperative threads are busy with other tests cannot stall it past the idle timeout.
        await withTaskExecutorPreference(transport.executor) {
            for number in 0..<10 {
                #expect(await transport.deliver(sms("Hej \(number)", customer: "\(number)")) {} == .sent(reference: "42"))
            }
        }
        #expect(transport.connectionsOpened == 1)
        #expect(Set(try server.requests().map(\.clientPort)).count == 1)
    }
}

/// Issue 12, item 10: 46elks and Twilio speak HTTPS only. A local HTTPS server (Python's
/// http.server in ssl) presents a certificate signed by a CA the test makes with openssl.
@Suite("The HTTP SMS transport over HTTPS and at the edges of the client")
struct HTTPSSMSTransportTests {
    let folder = TemporaryDirectory(prefix: "kassa-sms-https")

    private func transport(_ server: ScriptedHTTPServer, caFile: String? = nil, timeout: Double = 30) throws -> HTTPSMSTransport {
        let settings = SMSTransportFactory.Settings(provider: .http, url: server.url("/a1/sms"), username: "u123", passwordEnvironmentVariable: "SMS_PW",
                                   sender: "Cykelbutik", http: HTTPClient.Configuration(responseTimeout: timeout, caFile: caFile))
        let made = try SMSTransportFactory.make(settings: settings, outboxDirectory: folder.path, environment: ["SMS_PW": "sekret"],
                                                logger: quietLogger)
        return try #require(made as? HTTPSMSTransport)
    }

    @Test("With ca_file the message goes out over TLS with its login, and messages share the connection")
    func sentOverTLS() async throws {
        let authority = try TestCertificateAuthority.make(in: folder.path)
        let server = try ScriptedHTTPServer(responses: [.json(201, #"{"id": "s-tls"}"#)], tls: authority.server)
        let transport = try transport(server, caFile: authority.caPath)
        let commits = CommitRecorder()
        // As a sender runs: on the connection's event loop, so that a test process whose
        // cooperative threads are busy with other tests cannot stall it past the idle timeout.
        await withTaskExecutorPreference(transport.executor) {
            for number in 0..<3 {
                #expect(await transport.deliver(sms("Hej \(number)", customer: "\(number)")) { try commits.commit() } == .sent(reference: "s-tls"))
            }
        }
        #expect(commits.count == 3)
        let requests = try server.requests()
        #expect(requests.map { $0.form["message"] } == ["Hej 0", "Hej 1", "Hej 2"])
        #expect(requests[0].headers["authorization"] == "Basic " + Data("u123:sekret".utf8).base64EncodedString())
        #expect(Set(requests.map(\.clientPort)).count == 1)
        #expect(transport.connectionsOpened == 1)
    }

    @Test("Without ca_file the certificate is not trusted: the session fails with a clear TLS reason, nothing sent")
    func untrustedCertificate() async throws {
        let authority = try TestCertificateAuthority.make(in: folder.path)
        let server = try ScriptedHTTPServer(responses: [.json(201, "{}")], tls: authority.server)
        let outcome = try await transport(server).deliver(sms("Hej")) {}
        #expect(outcome.isSessionFailure, "\(outcome)")
        #expect(outcome.reason?.contains("TLS handshake with the HTTP server 127.0.0.1:\(server.port) failed") == true, "\(outcome)")
        #expect(outcome.reason?.contains("CERTIFICATE_VERIFY_FAILED") == true)
        #expect(outcome.reason?.contains("ca_file") == true)
        #expect(try server.requests().isEmpty)
    }

    @Test("A redirect is not followed: the message fails, naming the status, and the password goes nowhere else")
    func redirect() async throws {
        let authority = try TestCertificateAuthority.make(in: folder.path)
        let elsewhere = try ScriptedHTTPServer(responses: [.json(201, #"{"id": "stolen"}"#)], tls: authority.server)
        let server = try ScriptedHTTPServer(responses: [.init(status: 307, headers: ["Location": elsewhere.url("/steal")])],
                                            tls: authority.server)
        let outcome = try await transport(server, caFile: authority.caPath).deliver(sms("Hej")) {}
        #expect(outcome.isFailed, "\(outcome)")
        #expect(outcome.reason?.contains("307") == true)
        #expect(outcome.reason?.contains(elsewhere.url("/steal")) == true)
        #expect(try elsewhere.requests().isEmpty)
    }

    @Test("An answer larger than 1 MiB is refused; the message may have gone out, so it is unknown")
    func oversizeAnswer() async throws {
        let authority = try TestCertificateAuthority.make(in: folder.path)
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: String(repeating: "x", count: 2 << 20))],
                                            tls: authority.server)
        let outcome = try await transport(server, caFile: authority.caPath).deliver(sms("Hej")) {}
        #expect(outcome.isUnknown, "\(outcome)")
        #expect(outcome.reason?.contains("larger than 1048576 bytes") == true)
    }

    @Test("No answer within [sms] timeout is unknown, never retried")
    func timeout() async throws {
        let authority = try TestCertificateAuthority.make(in: folder.path)
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "{}", delay: 3)], tls: authority.server)
        let outcome = try await transport(server, caFile: authority.caPath, timeout: 0.4).deliver(sms("Hej")) {}
        #expect(outcome.isUnknown, "\(outcome)")
        #expect(outcome.reason?.contains("did not answer within 0.4 seconds") == true)
        #expect(try server.requests().count == 1)
    }
}
