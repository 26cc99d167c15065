/// A message text with placeholders, compiled once and rendered for many customers.
///
/// Compiling checks the whole text, so a mistake is reported when the template is saved or
/// previewed, naming the template, line, column and token, never found while sending.
/// Rendering walks the compiled pieces: no parsing, no lookups by name.
///
/// Syntax:
/// - `#NAME#` inserts a customer or shop value (`#FORNAMN#`, `#POANG#`, `#BUTIK#`). `NAME` is a
///   letter followed by letters (any script, so `Ö` too), digits, `_` and `.`. Matching
///   ignores case and accents: `#FÖRNAMN#`, `#förnamn#` and `#FORNAMN#` are one token, and
///   every token has an English alias (`#FIRST_NAME#`). The names are listed in
///   `PlaceholderCatalog` (`markdownTable()` renders them).
/// - `#NAME|fallback#` inserts `fallback` when the customer lacks the value. The fallback is
///   the text up to the next `#` on the same line, spaces included (so it cannot hold a `#`
///   or a line break); it may be empty (`#FORNAMN|#` inserts nothing).
/// - `#ATTR.key#` inserts the custom attribute `key` (matched exactly, else ignoring case).
/// - `<NUMFACT>`, `<DATEFACT>`, `<NOMSOC>`, and any other document token of the catalog,
///   written in capitals between angle brackets, insert values of the document being sent.
///   Document tokens may also be written `#NUMFACT#`.
/// - `##` is a literal `#`.
/// - A `#` that does not start a well-formed token is text: "order #123 today", "#sommar",
///   a CSS colour `#fff`. Other `<...>` text is text too, so HTML tags such as `<b>` or `<TD>`
///   pass through.
///
/// Mistakes that are errors (`TemplateError`):
/// - a well-formed `#NAME#` that is not in the catalog (with a did-you-mean suggestion);
/// - a known placeholder written in capitals but not closed (`Hej #FORNAMN, …`, `#BUTIK.`),
///   or a fallback not closed on its line (`#FORNAMN|kund`); such text would otherwise reach
///   customers as is. Write `##FORNAMN` for the literal text;
/// - `<NAME>` in capitals that names a customer or shop token (`<FORNAMN>`: write
///   `#FORNAMN#`) or nearly names a document token (`<NUMFAKT>`);
/// - `#ATTR#` without a key.
///
/// When rendering, a value that is missing (`nil`, empty or only spaces) is replaced by the
/// token's inline fallback, else the template's default fallback for that placeholder, else
/// the render fails for that customer with a `TemplateError` naming the customer, so that a
/// literal `#FORNAMN#` or an empty greeting never goes out. In an `.html` template every
/// inserted value is HTML-escaped; the template's own text and fallbacks are the author's
/// and go in as written.
public struct PlaceholderTemplate: Sendable {
    /// The name errors use (`kassa.template { name = "birthday" }`).
    public let name: String
    /// The text as written.
    public let source: String
    /// Whether values are HTML-escaped.
    public let format: TemplateFormat
    /// The tokens in the order they appear, with their spelling, place and fallback.
    public let placeholders: [PlaceholderUse]

    // The compiled template, as parallel arrays so that the render loop reads one byte to
    // know where a value comes from, and touches keys and fallbacks only when it needs them.
    /// The literal runs around the tokens: `literals.count == sources.count + 1`.
    let literals: [String]
    /// Where each token's value comes from.
    let sources: [ValueSource]
    /// The attribute key (`#ATTR.key#`) or context key of each token; empty for other tokens.
    let keys: [String]
    /// Each token's inline fallback, else default fallback; `nil` when a missing value is an error.
    let fallbacks: [String?]
    /// The bytes a render expects to write: the literals, plus a guess for the values.
    let estimatedByteCount: Int

    /// Compiles `source`.
    ///
    /// - Parameters:
    ///   - source: The template text.
    ///   - name: The template's name, for error messages.
    ///   - format: `.html` to escape inserted values.
    ///   - fallbacks: Default fallbacks by placeholder name (`["FORNAMN": "kund"]`; any
    ///     spelling of the token, bare or with its delimiters, `"ATTR.key"` for an attribute),
    ///     used by tokens that have no inline fallback.
    ///   - catalog: The placeholders the template may use.
    /// - Throws: `TemplateError` for the first mistake in the text or in `fallbacks`.
    public init(
        _ source: String,
        name: String,
        format: TemplateFormat = .text,
        fallbacks: [String: String] = [:],
        catalog: PlaceholderCatalog = .standard
    ) throws(TemplateError) {
        var parser = PlaceholderParser(source: source, templateName: name, catalog: catalog)
        try parser.parse()
        let defaults = try Self.resolveFallbacks(fallbacks, parser: parser)

        var uses: [PlaceholderUse] = []
        var sources: [ValueSource] = []
        var keys: [String] = []
        var tokenFallbacks: [String?] = []
        for token in parser.tokens {
            let field = token.placeholder.field
            let fallback = token.inlineFallback ?? defaults[FallbackKey(field: field, attributeKey: token.attributeKey ?? "")]
            uses.append(PlaceholderUse(placeholder: token.placeholder, written: token.written, name: token.name,
                                       attributeKey: token.attributeKey, fallback: fallback,
                                       line: token.line, column: token.column))
            sources.append(ValueSource(field))
            if case .contextValue(let key) = field {
                keys.append(key)
            } else {
                keys.append(token.attributeKey ?? "")
            }
            tokenFallbacks.append(fallback)
        }
        self.name = name
        self.source = source
        self.format = format
        self.placeholders = uses
        self.literals = parser.literals
        self.sources = sources
        self.keys = keys
        self.fallbacks = tokenFallbacks
        self.estimatedByteCount = parser.literals.reduce(0) { $0 + $1.utf8.count } + 16 * sources.count
    }

    /// Whether the template inserts nothing: its text is the message for every customer.
    public var isConstant: Bool { sources.isEmpty }

    /// Which value a default fallback stands in for.
    private struct FallbackKey: Hashable {
        let field: PlaceholderField
        let attributeKey: String
    }

    /// `fallbacks` by the value they stand in for, so `FORNAMN` and `FIRST_NAME` are one.
    private static func resolveFallbacks(_ fallbacks: [String: String], parser: PlaceholderParser) throws(TemplateError) -> [FallbackKey: String] {
        var resolved: [FallbackKey: (key: String, value: String)] = [:]
        // Sorted, so that which of two conflicting keys an error names does not vary.
        for (key, value) in fallbacks.sorted(by: { $0.key < $1.key }) {
            var name = Substring(key)
            if (name.hasPrefix("#") && name.hasSuffix("#") || name.hasPrefix("<") && name.hasSuffix(">")), name.count >= 2 {
                name = name.dropFirst().dropLast()
            }
            switch parser.resolve(String(name)) {
            case .placeholder(let placeholder, let attributeKey):
                let fallbackKey = FallbackKey(field: placeholder.field, attributeKey: attributeKey ?? "")
                if let earlier = resolved[fallbackKey], earlier.value != value {
                    throw TemplateError(.conflictingFallbacks(earlier.key, key), template: parser.templateName)
                }
                resolved[fallbackKey] = (key, value)
            case .missingAttributeKey:
                throw TemplateError(.missingAttributeKey(example: "\(name).key"), template: parser.templateName, token: key)
            case .unknown:
                let suggestion = parser.catalog.suggestion(for: String(name))?.name
                throw TemplateError(.unknownFallback(key: key, suggestion: suggestion), template: parser.templateName, token: key)
            }
        }
        return resolved.mapValues(\.value)
    }
}
