/// One table of `kassa.toml` in the reference: its header, what it is for, and its keys.
public struct ConfigurationSection: Sendable, Hashable {
    /// The table's dotted name without brackets, such as `smtp` or `users.NAME.smtp`.
    public var name: String
    /// Whether it is an array of tables, written `[[name]]`, that may appear several times.
    public var isArray: Bool
    /// What the table is for.
    public var summary: String
    /// Its keys, in the order the reference lists them.
    public var keys: [ConfigurationKey]
    /// The table whose keys this one shares (`[users.NAME.smtp]` has the keys of `[smtp]`);
    /// the reference names it rather than repeating the keys.
    public var sharesKeysOf: String?

    /// A section from its parts.
    public init(_ name: String, isArray: Bool = false, summary: String, keys: [ConfigurationKey], sharesKeysOf: String? = nil) {
        self.name = name
        self.isArray = isArray
        self.summary = summary
        self.keys = keys
        self.sharesKeysOf = sharesKeysOf
    }

    /// The header as written in the file: `[smtp]`, `[[cards.templates]]`.
    public var header: String { isArray ? "[[\(name)]]" : "[\(name)]" }
}
