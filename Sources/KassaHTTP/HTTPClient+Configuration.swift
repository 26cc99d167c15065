extension HTTPClient {
    /// Limits and identity of a client.
    public struct Configuration: Sendable, Hashable {
        /// How long opening a connection may take, in seconds. Default 5.
        public var connectTimeout: Double
        /// How long a response may take to arrive whole after its request was written, in
        /// seconds. Default 30.
        public var responseTimeout: Double
        /// The largest response body accepted, in bytes. Default 4 MiB: providers answer
        /// in a few lines.
        public var maximumBodySize: Int
        /// The `User-Agent` sent with every request.
        public var userAgent: String

        /// A configuration; every part has its default.
        public init(
            connectTimeout: Double = 5,
            responseTimeout: Double = 30,
            maximumBodySize: Int = 4 << 20,
            userAgent: String = "Kassa"
        ) {
            self.connectTimeout = connectTimeout
            self.responseTimeout = responseTimeout
            self.maximumBodySize = maximumBodySize
            self.userAgent = userAgent
        }
    }
}
