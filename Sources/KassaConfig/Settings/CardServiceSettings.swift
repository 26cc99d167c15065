/// Where the `http` card order service of `[cards]` is reached: the keys `url`,
/// `ca_file`, `connect_timeout` and `timeout` of that section. The rest of `[cards]` is
/// KassaCore's `CardSettings`.
public struct CardServiceSettings: Sendable, Hashable {
    /// Where the `http` order service takes orders (`url`, `https://…` or `http://…`).
    public var url: String?
    /// `ca_file`, `connect_timeout` and `timeout` for the `http` order service.
    public var connection: HTTPConnectionSettings

    /// Settings from their parts; every part has the default of a fresh machine.
    public init(url: String? = nil, connection: HTTPConnectionSettings = HTTPConnectionSettings()) {
        self.url = url
        self.connection = connection
    }
}
