import KassaHTTP
import Testing

@Suite("HTTP endpoints from URLs")
struct HTTPEndpointTests {
    @Test("An http URL gives host, port, path and query")
    func parsesHTTP() throws {
        let endpoint = try HTTPEndpoint(url: "http://127.0.0.1:13013/cgi-bin/sendsms?smsc=fake")
        #expect(endpoint.host == "127.0.0.1")
        #expect(endpoint.port == 13013)
        #expect(endpoint.path == "/cgi-bin/sendsms")
        #expect(endpoint.query == "smsc=fake")
        #expect(endpoint.target(adding: [("to", "+4670 1")]) == "/cgi-bin/sendsms?smsc=fake&to=%2B4670+1")
        #expect(endpoint.hostHeader == "127.0.0.1:13013")
    }

    @Test("Without a port or path: port 80 and /")
    func defaults() throws {
        let endpoint = try HTTPEndpoint(url: "http://sms.example")
        #expect(endpoint.port == 80)
        #expect(endpoint.path == "/")
        #expect(endpoint.hostHeader == "sms.example")
        #expect(endpoint.target(adding: []) == "/")
    }

    @Test("An IPv6 literal keeps its brackets in the Host header only")
    func ipv6() throws {
        let endpoint = try HTTPEndpoint(url: "http://[::1]:8080/a")
        #expect(endpoint.host == "::1")
        #expect(endpoint.hostHeader == "[::1]:8080")
    }

    @Test("https is refused with a sentence saying TLS is not supported yet")
    func httpsRefused() {
        let error = #expect(throws: HTTPClientError.self) { try HTTPEndpoint(url: "https://api.46elks.com/a1/sms") }
        #expect(error?.code == .tlsNotSupported)
        #expect(error?.message.contains("\"https://api.46elks.com/a1/sms\"") == true)
        #expect(error?.message.contains("TLS is not supported") == true)
        #expect(error?.requestMayHaveBeenSent == false)
    }

    @Test("Other schemes, missing hosts and credentials in the URL are invalid", arguments: [
        "ftp://127.0.0.1/x", "127.0.0.1:13013", "http://", "http://user:secret@127.0.0.1/", "not a url at all", "http://127.0.0.1:70000/",
    ])
    func invalid(url: String) {
        let error = #expect(throws: HTTPClientError.self) { try HTTPEndpoint(url: url) }
        #expect(error?.code == .invalidURL)
        #expect(error?.message.contains(url) == true)
    }
}
