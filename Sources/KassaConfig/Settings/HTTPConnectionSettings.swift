/// How Kassa reaches an HTTP provider (`[sms]` and `[cards]` with an `http` or `kannel`
/// provider): the keys `ca_file`, `connect_timeout` and `timeout` of those sections.
public struct HTTPConnectionSettings: Sendable, Hashable {
    /// A PEM file of CA certificates trusted besides the system's (`ca_file`), for a
    /// provider whose certificate a private CA signed; relative to the configuration file.
    public var caFilePath: String?
    /// Seconds to open a connection, TLS handshake included (`connect_timeout`). Default 5.
    public var connectTimeout: Double
    /// Seconds the provider may stay silent after a request was written (`timeout`).
    /// Default 30. An order or message whose answer does not come in time may have
    /// reached the provider: it is `unknown`, never simply sent again.
    public var timeout: Double

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(caFilePath: String? = nil, connectTimeout: Double = 5, timeout: Double = 30) {
        self.caFilePath = caFilePath
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
