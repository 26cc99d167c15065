import NIOCore

/// Where an SMTP server listens: a host name or IP address, and a port.
public struct SMTPServer: Sendable, Hashable, CustomStringConvertible {
    /// A host name (`smtp.example.se`) or an IP address (`127.0.0.1`, `::1`).
    public var host: String
    /// The TCP port: 587 for STARTTLS, 465 for implicit TLS, 25 between servers.
    public var port: Int

    /// A server address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `smtp.example.se:587`, or `[::1]:587` for an IPv6 address.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether `host` is an IP address rather than a name: TLS then checks the certificate
    /// against the address, and sends no server name (SNI may not carry addresses).
    var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
