/// One token of a compiled template, as the preview shows it: what it is, how it was
/// written, where, and what it falls back to.
public struct PlaceholderUse: Sendable, Hashable {
    /// The catalog entry the token resolved to.
    public let placeholder: Placeholder
    /// The token exactly as written, delimiters included: `#förnamn|kund#`, `<NUMFACT>`.
    public let written: String
    /// The name as written, without delimiters and fallback: `förnamn`, `ATTR.shoe_size`.
    public let name: String
    /// The attribute's key for `#ATTR.key#`, else `nil`.
    public let attributeKey: String?
    /// What is inserted when the customer lacks the value: the inline fallback
    /// (`#FORNAMN|kund#`), else the template's default fallback, else `nil` (an error).
    public let fallback: String?
    /// The line of the token (1-based).
    public let line: Int
    /// The column of the token's first character (1-based, in characters).
    public let column: Int
}
