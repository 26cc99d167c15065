/// `[outbox]`: the folder where mail and SMS are written when no server is configured.
public struct OutboxSettings: Sendable, Hashable {
    /// The folder, as an absolute path once loaded (`dir`, relative to the configuration
    /// file's folder). Default `outbox`.
    public var directory: String

    /// Settings with `directory` taken as given.
    public init(directory: String) {
        self.directory = directory
    }
}
