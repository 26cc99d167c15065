import Foundation

/// Where an `HTTPClient` connects: the scheme, host and port of an `http://` or `https://`
/// URL, and the URL's path and query, which requests usually start from.
///
/// ```swift
/// let endpoint = try HTTPEndpoint(url: "http://127.0.0.1:13013/cgi-bin/sendsms")
/// endpoint.host  // "127.0.0.1"
/// endpoint.port  // 13013
/// endpoint.path  // "/cgi-bin/sendsms"
/// ```
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// The host name or IP address (an IPv6 address without brackets).
    public var host: String
    /// The TCP port; 80 (443 for https) when the URL names none.
    public var port: Int
    /// The URL's path, `/` when it has none.
    public var path: String
    /// The URL's query without the `?`, or `nil`.
    public var query: String?

    /// The endpoint of `url`.
    ///
    /// - Throws: `HTTPClientError` `.invalidURL` for anything that is not an `http://` or
    ///   `https://` URL with a host (or that carries a user name or password, which belong in
    ///   the settings, not in the address).
    public init(url: String) throws(HTTPClientError) {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw HTTPClientError(.invalidURL, "The address \(Self.quoted(url)) is not a URL such as \"http://127.0.0.1:13013/cgi-bin/sendsms\"")
        }
        guard scheme == "http" || scheme == "https" else {
            throw HTTPClientError(.invalidURL, "The address \(Self.quoted(url)) is not an http:// or https:// URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw HTTPClientError(.invalidURL, "The address \(Self.quoted(url)) names no host")
        }
        guard components.user == nil, components.password == nil else {
            throw HTTPClientError(.invalidURL, "The address \(Self.quoted(url)) carries a user name or password; give them in the settings instead")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else {
            throw HTTPClientError(.invalidURL, "The address \(Self.quoted(url)) has the port \(port), which is not between 1 and 65535")
        }
        self.scheme = scheme
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        self.path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        self.query = components.percentEncodedQuery
    }

    /// An endpoint from its parts.
    public init(scheme: String = "http", host: String, port: Int, path: String = "/", query: String? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }

    /// The value of the `Host` header: the host, with brackets for IPv6, and the port
    /// unless it is the scheme's own (80, 443).
    public var hostHeader: String {
        port == defaultPort ? bracketedHost : "\(bracketedHost):\(port)"
    }

    /// Whether the connection is encrypted (`https`).
    public var usesTLS: Bool { scheme == "https" }

    /// Whether the host is this machine (`localhost`, `127.0.0.0/8`, `::1`): plain http
    /// to it never crosses a network.
    public var isLoopback: Bool {
        let name = host.lowercased()
        if name == "localhost" || name == "::1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The absolute URL of `target` (a path with an optional query) on this server.
    public func url(of target: String) -> String {
        "\(scheme)://\(hostHeader)\(target)"
    }

    private var defaultPort: Int { usesTLS ? 443 : 80 }
    private var bracketedHost: String { host.contains(":") ? "[\(host)]" : host }

    /// The path with `fields` added to the URL's own query, as a request target.
    public func target(adding fields: [(String, String)]) -> String {
        let added = FormEncoding.encode(fields)
        let query = [self.query, added.isEmpty ? nil : added].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "&")
        return query.isEmpty ? path : "\(path)?\(query)"
    }

    /// The path and the URL's own query, as a request target.
    public var target: String { target(adding: []) }

    /// `host:port`, as messages name the server.
    public var description: String { "\(bracketedHost):\(port)" }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
