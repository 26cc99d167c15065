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

    @Test("An https URL has port 443 unless it names one, and no port in its Host header")
    func https() throws {
        let endpoint = try HTTPEndpoint(url: "https://api.46elks.com/a1/sms")
        #expect(endpoint.scheme == "https" && endpoint.usesTLS)
        #expect(endpoint.port == 443)
        #expect(endpoint.hostHeader == "api.46elks.com")
        #expect(endpoint.url(of: "/a1/sms?x=1") == "https://api.46elks.com/a1/sms?x=1")
        #expect(try HTTPEndpoint(url: "https://127.0.0.1:8443/").hostHeader == "127.0.0.1:8443")
        #expect(try HTTPEndpoint(url: "HTTPS://sms.example:443/").url(of: "/") == "https://sms.example/")
    }

    @Test("Loopback hosts are told apart from names that only look like them", arguments: [
        ("http://127.0.0.1:13013/", true), ("http://127.10.0.3/", true), ("http://localhost/", true), ("http://[::1]:80/", true),
        ("http://127.example.com/", false), ("http://10.0.0.5/", false), ("https://api.46elks.com/", false),
    ])
    func loopback(url: String, expected: Bool) throws {
        #expect(try HTTPEndpoint(url: url).isLoopback == expected)
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
