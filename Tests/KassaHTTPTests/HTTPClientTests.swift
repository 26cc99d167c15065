import Foundation
import KassaHTTP
import KassaTesting
import Testing

@Suite("HTTP client against a real HTTP/1.1 server")
struct HTTPClientTests {
    @Test("Many requests travel over one kept-alive connection")
    func keepAliveReusesTheConnection() throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 202, body: "0: Accepted for delivery")])
        let client = try client(for: server)
        for number in 0..<20 {
            let response = try client.send(.get("/api?n=\(number)"))
            #expect(response.status == 202)
            #expect(response.text == "0: Accepted for delivery")
        }
        let requests = try server.requests()
        #expect(requests.map { $0.query["n"] } == (0..<20).map { String($0) })
        #expect(Set(requests.map(\.clientPort)).count == 1)
        #expect(client.connectionsOpened == 1)
    }

    @Test("A response with Connection: close makes the next request open a new connection")
    func connectionCloseReconnects() throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "first", action: .close), .init(status: 200, body: "second")])
        let client = try client(for: server)
        #expect(try client.send(.get("/api")).text == "first")
        #expect(!client.isConnected)
        #expect(try client.send(.get("/api")).text == "second")
        #expect(client.connectionsOpened == 2)
        let ports = try server.requests().map(\.clientPort)
        #expect(ports.count == 2 && ports[0] != ports[1])
    }

    @Test("A server that closes an idle kept-alive connection is reconnected to")
    func serverHangUpReconnects() throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "then hang up", action: .hangUp), .init(status: 200, body: "again")])
        let client = try client(for: server)
        #expect(try client.send(.get("/api")).text == "then hang up")
        #expect(eventually { !client.isConnected })
        #expect(try client.send(.get("/api")).text == "again")
        #expect(client.connectionsOpened == 2)
    }

    @Test("A connection closed without an answer fails as connectionClosed, the request possibly sent")
    func dropWithoutAnswer() throws {
        let server = try ScriptedHTTPServer(responses: [.init(action: .drop)])
        let client = try client(for: server)
        let error = #expect(throws: HTTPClientError.self) { try client.send(.get("/api")) }
        #expect(error?.code == .connectionClosed)
        #expect(error?.requestMayHaveBeenSent == true)
        #expect(error?.message.contains("127.0.0.1:\(server.port)") == true)
        #expect(try server.requests().count == 1)
    }

    @Test("A late answer fails as timedOut and closes the connection")
    func responseTimeout() throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: "late", delay: 3), .init(status: 200, body: "on time")])
        let client = try client(for: server, .init(responseTimeout: 0.3))
        let error = #expect(throws: HTTPClientError.self) { try client.send(.get("/api")) }
        #expect(error?.code == .timedOut)
        #expect(error?.requestMayHaveBeenSent == true)
        #expect(!client.isConnected)
    }

    @Test("No server on the port fails as connectFailed, nothing sent")
    func connectionRefused() throws {
        let port = try LoopbackPort.free(1)[0]
        let client = try HTTPClient(url: "http://127.0.0.1:\(port)/x", logger: quietLogger)
        let error = #expect(throws: HTTPClientError.self) { try client.send(.get("/x")) }
        #expect(error?.code == .connectFailed)
        #expect(error?.requestMayHaveBeenSent == false)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
        #expect(client.connectionsOpened == 0)
    }

    @Test("A POST carries its body, Content-Type, Host, User-Agent and basic authentication")
    func postWithHeaders() throws {
        let server = try ScriptedHTTPServer(responses: [.json(201, #"{"id": "x1"}"#)])
        let client = try client(for: server, .init(userAgent: "Kassa-Test/1"))
        let body = FormEncoding.encode([("to", "+46701234567"), ("message", "Hej Åsa & Örjan")])
        let response = try client.send(.post("/api/sms", contentType: "application/x-www-form-urlencoded", body: Array(body.utf8),
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
    func responseTooLarge() throws {
        let server = try ScriptedHTTPServer(responses: [.init(status: 200, body: String(repeating: "x", count: 5000))])
        let client = try client(for: server, .init(maximumBodySize: 1000))
        let error = #expect(throws: HTTPClientError.self) { try client.send(.get("/api")) }
        #expect(error?.code == .responseTooLarge)
    }

    @Test("Query values survive form encoding: the server decodes exactly what was encoded")
    func formEncodingRoundTrip() throws {
        let server = try ScriptedHTTPServer()
        let client = try client(for: server)
        var random = SeededRandom(seed: 7)
        let alphabet = Array("aZ09 -._~!*'();:@&=+$,/?#[]%\"<>\\^`{|}åÄö€😀\u{0}\t\r\n")
        var sent: [String] = []
        for _ in 0..<30 {
            let value = String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            sent.append(value)
            _ = try client.send(.get("/api?" + FormEncoding.encode([("v", value)])))
        }
        #expect(try server.requests().map { $0.query["v"] } == sent)
    }
}
