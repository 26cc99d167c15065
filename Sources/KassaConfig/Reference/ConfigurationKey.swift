/// One key of `kassa.toml` as the settings type that reads it describes it: the source of
/// `docs/configuration.md` and of the keys the loader knows (anything else is a warning).
///
/// A new key is added to its settings type's `keys` (`ShopSettings+Keys.swift`, …) and read
/// in `KassaConfiguration+Decoding.swift`; `ConfigurationReferenceTests` fails until both are
/// done and the page is generated again (`kassa api-reference --configuration`).
public struct ConfigurationKey: Sendable, Hashable {
    /// What happens when the key is not in the file.
    public enum Default: Sendable, Hashable {
        /// The value used, written as in the file: `2.0`, `"outbox"`.
        case value(String)
        /// Nothing is used; the text says what follows, such as "mail goes to the outbox folder".
        case unset(String)
        /// Nothing is invented: what needs the key refuses until it is set. The text names
        /// what needs it, such as "cheques" or "sending".
        case required(String)
    }

    /// The key's name in its section, such as `points_per_cheque`.
    public var name: String
    /// The kind of value, as a reader of the file writes it: `text`, `whole number`,
    /// `"none", "starttls" or "tls"`.
    public var type: String
    /// What the key means, in a sentence or two.
    public var meaning: String
    /// What happens without it.
    public var defaultValue: Default
    /// A value as it is written in the file, different from the default, such as `"SEK"`.
    public var example: String

    /// A key from its parts.
    public init(_ name: String, type: String, meaning: String, default defaultValue: Default, example: String) {
        self.name = name
        self.type = type
        self.meaning = meaning
        self.defaultValue = defaultValue
        self.example = example
    }
}
