/// The server's complete answer to one request.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code, such as 202.
    public var status: Int
    /// The reason phrase the server sent, such as `Accepted`.
    public var reason: String
    /// The header fields, in the order received.
    public var headers: [HTTPHeader]
    /// The body, decoded from any chunked framing.
    public var body: [UInt8]

    /// A response from its parts.
    public init(status: Int, reason: String = "", headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The body as text: UTF-8, with invalid bytes replaced.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
