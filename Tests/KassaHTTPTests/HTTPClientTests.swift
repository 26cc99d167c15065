import Foundation
import KassaHTTP
import KassaTesting
import Testing

@Suite("HTTP client against a real HTTP/1.1 server (Python's http.server, plain and TLS)")
struct HTTPClientTests {
    @Test("Many requests travel over one kept-alive connection")
    func keepAliveReusesTheConnection() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 202, body: "0: Accepted for delivery")])
        let client = try client(for: server)
        // As a sender runs: on the connection's event loop, so that a test process whose
        // cooperative threads are busy with other tests cannot stall it past the idle timeout.
        try await withTaskExecutorPreference(client.taskExecutor) {
            for number in 0..<20 {
                let response = try await client.send(.get("/api?n=\(number)"))
                #expect(response.status == 202)
                #expect(response.text == "0: Accepted for delivery")
            }
        }
        let requests = try server.requests()
        #expect(requests.map { $0.query["n"] } == (0..<20).map { String($0) })
        #expect(Set(requests.map(\.clientPort)).count == 1)
        #expect(client.connectionsOpened == 1)
    }

    @Test("A response with Connection: close makes the next request open a new connection")
    func connectionCloseReconnects() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "first", action: .close), .init(status: 200, body: "second")])
        let client = try client(for: server)
        #expect(try await client.send(.get("/api")).text == "first")
        #expect(try await client.send(.get("/api")).text == "second")
        #expect(client.connectionsOpened == 2)
        let ports = try server.requests().map(\.clientPort)
        #expect(ports.count == 2 && ports[0] != ports[1])
    }

    @Test("A server that closes an idle kept-alive connection is reconnected to")
    func serverHangUpReconnects() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "then hang up", action: .hangUp), .init(status: 200, body: "again")])
        let client = try client(for: server)
        #expect(try await client.send(.get("/api")).text == "then hang up")
        // The pool sees the server close the idle connection and drops it.
        usleep(300_000)
        #expect(try await client.send(.get("/api")).text == "again")
        #expect(client.connectionsOpened == 2)
    }

    @Test("A connection closed without an answer fails as connectionClosed, the request possibly sent")
    func dropWithoutAnswer() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(action: .drop)])
        let client = try client(for: server)
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(.get("/api")) }
        #expect(error?.code == .connectionClosed)
        #expect(error?.requestMayHaveBeenSent == true)
        #expect(error?.message.contains("127.0.0.1:\(server.port)") == true)
        #expect(try server.requests().count == 1)
    }

    @Test("A late answer fails as timedOut and closes the connection")
    func responseTimeout() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "late", delay: 3), .init(status: 200, body: "on time")])
        let client = try client(for: server, .init(responseTimeout: 0.3))
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(.get("/api")) }
        #expect(error?.code == .timedOut)
        #expect(error?.requestMayHaveBeenSent == true)
        #expect(error?.message.contains("did not answer within 0.3 seconds") == true)
        #expect(try await client.send(.get("/api")).text == "on time")
    }

    @Test("No server on the port fails as connectFailed, nothing sent")
    func connectionRefused() async throws {
        let port = try LoopbackPort.free(1)[0]
        let client = try HTTPClient(url: "http://127.0.0.1:\(port)/x", configuration: .init(connectTimeout: 3), logger: quietLogger)
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(.get("/x")) }
        #expect(error?.code == .connectFailed)
        #expect(error?.requestMayHaveBeenSent == false)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
        #expect(client.connectionsOpened == 0)
    }

    @Test("A POST carries its body, Content-Type, Host, User-Agent and basic authentication")
    func postWithHeaders() async throws {
        let server = try ScriptedHTTPServer(responses: [.json(201, #"{"id": "x1"}"#)])
        let client = try client(for: server, .init(userAgent: "Kassa-Test/1"))
        let body = FormEncoding.encode([("to", "+46701234567"), ("message", "Hej Åsa & Örjan")])
        let response = try await client.send(.post("/api/sms", contentType: "application/x-www-form-urlencoded", body: Array(body.utf8),
                                             headers: [.basicAuthorization(username: "shop", password: "hemligt:ord")]))
        #expect(response.status == 201)
        #expect(response.headers.value(for: "content-type") == "application/json")
        let request = try #require(try server.requests().first)
        #expect(request.method == "POST")
        #expect(request.path == "/api/sms")
        #expect(request.form == ["to": "+46701234567", "message": "Hej Åsa & Örjan"])
        #expect(request.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(request.headers["user-agent"] == "Kassa-Test/1")
        #expect(request.headers["content-length"] == String(body.utf8.count))
        let credentials = try #require(request.headers["authorization"]?.replacingOccurrences(of: "Basic ", with: ""))
        #expect(Data(base64Encoded: credentials).map { String(decoding: $0, as: UTF8.self) } == "shop:hemligt:ord")
    }

    @Test("A body larger than the limit fails as responseTooLarge")
    func responseTooLarge() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: String(repeating: "x", count: 5000))])
        let client = try client(for: server, .init(maximumBodySize: 1000))
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(.get("/api")) }
        #expect(error?.code == .responseTooLarge)
        #expect(error?.message.contains("larger than 1000 bytes") == true)
    }

    @Test("The default cap is 1 MiB: one byte more is refused, exactly 1 MiB comes through")
    func defaultCap() async throws {
        let over = try ScriptedHTTPServer(responses: [.init(status: 200, body: String(repeating: "y", count: (1 << 20) + 1))])
        let exact = try ScriptedHTTPServer(responses: [.init(status: 200, body: String(repeating: "y", count: 1 << 20))])
        let tooLarge = try client(for: over)
        let fitting = try client(for: exact)
        let error = await #expect(throws: HTTPClientError.self) { try await tooLarge.send(.get("/api")) }
        #expect(error?.code == .responseTooLarge)
        #expect(try await fitting.send(.get("/api")).body.count == 1 << 20)
    }

    @Test("A redirect is not followed: it fails as redirected, naming the status and where it points")
    func redirectRefused() async throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 301, headers: ["Location": "http://127.0.0.1:1/elsewhere"], body: "moved")])
        let client = try client(for: server)
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(.post("/api", contentType: "text/plain", body: Array("secret".utf8)))
        }
        #expect(error?.code == .redirected)
        #expect(error?.message.contains("answered 301 Moved Permanently, a redirect to \"http://127.0.0.1:1/elsewhere\"") == true)
        #expect(try server.requests().count == 1)
    }

    @Test("Query values survive form encoding: the server decodes exactly what was encoded")
    func formEncodingRoundTrip() async throws {
        let server = try ScriptedHTTPServer()
        let client = try client(for: server)
        var random = SeededRandom(seed: 7)
        let alphabet = Array("aZ09 -._~!*'();:@&=+$,/?#[]%\"<>\\^`{|}åÄö€😀\u{0}\t\r\n")
        var sent: [String] = []
        for _ in 0..<30 {
            let value = String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            sent.append(value)
            _ = try await client.send(.get("/api?" + FormEncoding.encode([("v", value)])))
        }
        #expect(try server.requests().map { $0.query["v"] } == sent)
    }
}

@Suite("HTTP client over TLS, against a server whose CA the test makes")
struct HTTPSClientTests {
    let folder = TemporaryDirectory(prefix: "kassa-https")

    @Test("With the CA in caFile the exchange works over TLS and keeps its connection")
    func trustedByCAFile() async throws {
        let authority = try TestCertificateAuthority.make(in: folder.path)
        let server = try ScriptedHTTPServer(responses: [.json(201, #"{"id": "t1"}"#)], tls: authority.server)
        #expect(server.url().hasPrefix("https://"))
        let client = try HTTPClient(url: server.url("/a1/sms"), configuration: .init(caFile: authority.caPath), logger: quietLogger)
        // On the connection's event loop, as a sender runs (see keepAliveReusesTheConnection).
        try await withTaskExecutorPreference(client.taskExecutor) {
            for _ in 0..<3 {
                let response = try await client.send(.post("/a1/sms", contentType: "application/x-www-form-urlencoded", body: Array("to=%2B46".utf8)))
                #expect(response.status == 201)
                #expect(response.text == #"{"id": "t1"}"#)
            }
        }
        #expect(try server.requests().map { $0.form["to"] } == ["+46", "+46", "+46"])
        #expect(client.connectionsOpened == 1)
    }

    @Test("Without the CA the handshake fails as tlsFailed, names the server and ca_file, and sends nothing")
    func untrusted() async throws {
        let authority = try TestCertificateAuthority.make(in: folder.path)
        let server = try ScriptedHTTPServer(responses: [.json(201, "{}")], tls: authority.server)
        let client = try HTTPClient(url: server.url("/a1/sms"), logger: quietLogger)
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(.get("/a1/sms")) }
        #expect(error?.code == .tlsFailed)
        #expect(error?.requestMayHaveBeenSent == false)
        #expect(error?.message.contains("127.0.0.1:\(server.port)") == true)
        #expect(error?.message.contains("CERTIFICATE_VERIFY_FAILED") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("ca_file") == true)
        #expect(try server.requests().isEmpty)
    }

    @Test("Another CA's certificate in caFile does not make the server trusted")
    func wrongCA() async throws {
        let authority = try TestCertificateAuthority.make(in: folder.path, name: "real")
        let other = try TestCertificateAuthority.make(in: folder.path, name: "other")
        let server = try ScriptedHTTPServer(tls: authority.server)
        let client = try HTTPClient(url: server.url(), configuration: .init(caFile: other.caPath), logger: quietLogger)
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(.get("/")) }
        #expect(error?.code == .tlsFailed)
    }

    @Test("A CA file that is missing or holds no certificate is refused when the client is made", arguments: ["missing.pem", "empty.pem"])
    func badCAFile(name: String) throws {
        let path = folder.file(name)
        if name == "empty.pem" { try folder.write(name, "not a certificate\n") }
        let error = #expect(throws: HTTPClientError.self) {
            try HTTPClient(url: "https://127.0.0.1:1/", configuration: .init(caFile: path), logger: quietLogger)
        }
        #expect(error?.code == .invalidCAFile)
        #expect(error?.message.contains(path) == true)
    }
}
