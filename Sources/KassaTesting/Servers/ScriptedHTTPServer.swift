import Foundation

/// A tiny HTTP/1.1 server on 127.0.0.1 (Python's `http.server`, keep-alive, one thread per
/// connection, HTTPS on request) that answers from a script of responses and records every request, for the
/// tests of HTTP providers and of the HTTP client.
///
/// ```swift
/// let server = try ScriptedHTTPServer(responses: [.init(status: 202, body: #"{"id": "s1"}"#)])
/// // ... send to server.url("/a1/sms") ...
/// server.requests()[0].form["to"]   // "+46701234567"
/// ```
///
/// Responses are used in order; the last one repeats once the script runs out. The script
/// can be replaced while the server runs (`setResponses`).
public final class ScriptedHTTPServer {
    /// One scripted answer.
    public struct Response: Sendable, Encodable {
        /// What the server does besides answering.
        public enum Action: String, Sendable, Encodable {
            /// Answer and keep the connection open (HTTP/1.1 keep-alive).
            case keepAlive = "keep-alive"
            /// Answer with `Connection: close` and close.
            case close
            /// Answer as if the connection stayed open, then close it without saying so.
            case hangUp = "hang-up"
            /// Read the request and close the connection without any answer.
            case drop
        }

        /// The status code.
        public var status: Int
        /// Header fields besides `Content-Length` (always sent).
        public var headers: [String: String]
        /// The body, sent as UTF-8.
        public var body: String
        /// What happens to the connection.
        public var action: Action
        /// Seconds to wait before answering.
        public var delay: Double

        /// A response; by default `200` with an empty body on a kept-alive connection.
        public init(status: Int = 200, headers: [String: String] = [:], body: String = "", action: Action = .keepAlive, delay: Double = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.action = action
            self.delay = delay
        }

        /// A JSON answer: `body` with `Content-Type: application/json`.
        public static func json(_ status: Int, _ body: String, action: Action = .keepAlive) -> Response {
            Response(status: status, headers: ["Content-Type": "application/json"], body: body, action: action)
        }
    }

    /// One request as the server read it.
    public struct RecordedRequest: Sendable, Decodable {
        /// `GET`, `POST`, …
        public var method: String
        /// The path without the query.
        public var path: String
        /// The query's fields, decoded (the last value of a repeated name).
        public var query: [String: String]
        /// Header fields by lower-case name.
        public var headers: [String: String]
        /// The body as UTF-8 text.
        public var body: String
        /// The body's fields when it is a form (`application/x-www-form-urlencoded`).
        public var form: [String: String]
        /// The client's port: requests on one kept-alive connection share it.
        public var clientPort: Int
    }

    /// The server's port on 127.0.0.1.
    public let port: Int
    private let folder: TemporaryDirectory
    private let child: ChildProcess

    /// Whether the server speaks HTTPS.
    public let usesTLS: Bool

    /// Starts the server on a port the kernel picks; with `tls`, it speaks HTTPS and
    /// presents that certificate.
    public init(responses: [Response] = [Response()], tls: TestCertificate? = nil) throws {
        usesTLS = tls != nil
        folder = TemporaryDirectory(prefix: "kassa-http-server")
        let script = try folder.write("server.py", Self.script)
        let portFile = folder.file("port")
        let responsesFile = folder.file("responses.json")
        let requestsFile = folder.file("requests.jsonl")
        try Self.writeResponses(responses, to: responsesFile)
        let certificate = tls.map { [$0.certificatePath, $0.keyPath] } ?? []
        child = try ChildProcess(Self.python, [script, portFile, responsesFile, requestsFile] + certificate,
                                         logPath: folder.file("server.log"), name: "python3 http.server")
        let deadline = Date().addingTimeInterval(10)
        var found: Int?
        while found == nil, Date() < deadline, child.isRunning {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), text.hasSuffix("\n") {
                found = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            } else {
                usleep(20_000)
            }
        }
        guard let found else {
            throw TestServerError("The Python test HTTP server did not start: \(child.output)")
        }
        port = found
    }

    deinit {
        child.stop(grace: 1)
    }

    /// The first `python3` on `PATH`.
    static var python: String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return folders.map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"
    }

    /// `http://127.0.0.1:PORT` (`https://` with TLS) followed by `path`.
    public func url(_ path: String = "/") -> String {
        "\(usesTLS ? "https" : "http")://127.0.0.1:\(port)\(path)"
    }

    /// Replaces the script; the next request gets the first of `responses`.
    public func setResponses(_ responses: [Response]) throws {
        try Self.writeResponses(responses, to: folder.file("responses.json"))
    }

    /// Every request received so far, in order.
    public func requests() throws -> [RecordedRequest] {
        guard let data = FileManager.default.contents(atPath: folder.file("requests.jsonl")) else { return [] }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(RecordedRequest.self, from: Data($0)) }
    }

    /// Stops the server.
    public func stop() {
        child.stop(grace: 1)
    }

    private static func writeResponses(_ responses: [Response], to path: String) throws {
        // A new version number makes the server start again from the first response.
        let document = ["version": AnyEncodable(UUID().uuidString), "responses": AnyEncodable(responses)]
        let data = try JSONEncoder().encode(document)
        let temporary = path + ".tmp"
        try data.write(to: URL(fileURLWithPath: temporary))
        _ = rename(temporary, path)
    }

    private struct AnyEncodable: Encodable {
        let value: any Encodable
        init(_ value: any Encodable) { self.value = value }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }
}
