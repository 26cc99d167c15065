import Foundation

/// One header field of a request or response, as it travels: a name and a value.
///
/// Names compare case-insensitively wherever KassaHTTP looks them up; they are sent as given.
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, such as `Content-Type`.
    public var name: String
    /// The field value, without the line's end.
    public var value: String

    /// A header from its name and value.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `Authorization: Basic …` for `username` and `password` (RFC 7617, UTF-8).
    public static func basicAuthorization(username: String, password: String) -> HTTPHeader {
        let credentials = Data("\(username):\(password)".utf8).base64EncodedString()
        return HTTPHeader("Authorization", "Basic \(credentials)")
    }

    /// `Content-Type: value`.
    public static func contentType(_ value: String) -> HTTPHeader {
        HTTPHeader("Content-Type", value)
    }

    /// `Accept: value`.
    public static func accept(_ value: String) -> HTTPHeader {
        HTTPHeader("Accept", value)
    }
}

extension Array where Element == HTTPHeader {
    /// The value of the first field called `name` (any case), or `nil`.
    public func value(for name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
