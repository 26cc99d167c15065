/// One HTTP/1.1 request to the client's server: a method, a target (path and query), header
/// fields and a body.
///
/// `Host`, `Content-Length` and `User-Agent` are added by `HTTPClient`; a request only
/// carries what is particular to it.
///
/// ```swift
/// let request = HTTPRequest.get("/cgi-bin/sendsms?" + FormEncoding.encode(["to": "+46701234567"]))
/// ```
public struct HTTPRequest: Sendable, Hashable {
    /// The request methods the providers use.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// The method.
    public var method: Method
    /// The request target in origin form: an absolute path with an optional query
    /// (`/cgi-bin/sendsms?username=shop`).
    public var target: String
    /// Header fields particular to this request.
    public var headers: [HTTPHeader]
    /// The body; empty for none.
    public var body: [UInt8]

    /// A request from its parts.
    public init(method: Method, target: String, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// A `GET` of `target`.
    public static func get(_ target: String, headers: [HTTPHeader] = []) -> HTTPRequest {
        HTTPRequest(method: .get, target: target, headers: headers)
    }

    /// A `POST` of `body` to `target`, labelled with `contentType`.
    public static func post(_ target: String, contentType: String, body: [UInt8], headers: [HTTPHeader] = []) -> HTTPRequest {
        HTTPRequest(method: .post, target: target, headers: [.contentType(contentType)] + headers, body: body)
    }
}
