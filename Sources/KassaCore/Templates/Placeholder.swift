/// One entry of the placeholder table: a token, its other spellings, where its value comes
/// from and what it means.
public struct Placeholder: Sendable, Hashable {
    /// Whose value a placeholder inserts; it decides the syntaxes the token may be written in.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A customer field, written `#NAME#`.
        case customer
        /// A value of the shop or of the moment (the shop's name, today), written `#NAME#`.
        case shop
        /// A value of the document being sent (003's invoice mails), written `<NAME>` as the
        /// shops already do, or `#NAME#`.
        case document
    }

    /// The main spelling, upper case without the delimiters: `FORNAMN`, `NUMFACT`.
    public let token: String
    /// Other spellings that mean the same (the English names: `FIRST_NAME`).
    public let aliases: [String]
    /// Whose value it is, which decides how it may be written (`#NAME#`, `<NAME>`).
    public let kind: Kind
    /// Where the value comes from.
    public let field: PlaceholderField
    /// What the placeholder inserts, in one line, for the documentation table.
    public let summary: String

    /// An entry of a catalog. Names are letters, digits and `_`; matching ignores case and
    /// accents, so `token` and `aliases` are written in upper case without accents.
    public init(_ token: String, aliases: [String] = [], kind: Kind, field: PlaceholderField, summary: String) {
        self.token = token
        self.aliases = aliases
        self.kind = kind
        self.field = field
        self.summary = summary
    }

    /// The token and its aliases.
    public var names: [String] { [token] + aliases }

    /// The token as a template writes it: `#FORNAMN#`, `<NUMFACT>`, `#ATTR.key#`.
    public var spelling: String { spelling(of: token) }

    /// `name` written in this placeholder's syntax.
    func spelling(of name: String) -> String {
        switch (kind, field) {
        case (.document, _): "<\(name)>"
        case (_, .attribute): "#\(name).key#"
        default: "#\(name)#"
        }
    }
}
