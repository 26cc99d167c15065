extension HTTPClient {
    /// Limits, trust and identity of a client.
    public struct Configuration: Sendable, Hashable {
        /// How long opening a connection (and its TLS handshake) may take, in seconds.
        /// Default 5.
        public var connectTimeout: Double
        /// How long the server may stay silent after the request was written, and between
        /// parts of its answer, in seconds. Default 30.
        public var responseTimeout: Double
        /// The largest response body accepted, in bytes. Default 1 MiB: providers answer
        /// in a few lines, and a larger answer is not one of theirs.
        public var maximumBodySize: Int
        /// The `User-Agent` sent with every request.
        public var userAgent: String
        /// A PEM file of CA certificates trusted besides the system's (`ca_file`), for a
        /// provider whose certificate a private CA signed; `nil` for the system's alone.
        public var caFile: String?

        /// A configuration; every part has its default.
        public init(
            connectTimeout: Double = 5,
            responseTimeout: Double = 30,
            maximumBodySize: Int = 1 << 20,
            userAgent: String = "Kassa",
            caFile: String? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.responseTimeout = responseTimeout
            self.maximumBodySize = maximumBodySize
            self.userAgent = userAgent
            self.caFile = caFile
        }
    }
}
