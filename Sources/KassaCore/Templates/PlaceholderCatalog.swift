/// The placeholders a template may use: the single table that the compiler, the error
/// messages (did-you-mean) and the documentation (`markdownTable()`) all read.
///
/// `PlaceholderCatalog.standard` holds every customer field of SPEC §1 with its Swedish token
/// and English alias, the shop tokens and the document tokens of 003. A caller that needs
/// more (a document amount, say) builds its own catalog from `standard.placeholders` plus
/// entries reading `PlaceholderField.contextValue(_:)`.
public struct PlaceholderCatalog: Sendable {
    /// The entries, in the order the documentation lists them.
    public let placeholders: [Placeholder]
    /// Folded name (token or alias) → index in `placeholders`.
    private let indexByName: [String: Int]

    /// A catalog of `placeholders`. Every token and alias must be unique after folding case
    /// and accents; a duplicate is a programming error and stops the program.
    public init(_ placeholders: [Placeholder]) {
        var indexByName: [String: Int] = [:]
        for (index, placeholder) in placeholders.enumerated() {
            for name in placeholder.names {
                let key = PlaceholderName.folded(name)
                precondition(indexByName[key] == nil, "placeholder name \(name) is listed twice in the catalog")
                indexByName[key] = index
            }
        }
        self.placeholders = placeholders
        self.indexByName = indexByName
    }

    /// The entry called `name` (a token or an alias, any case, with or without accents),
    /// without delimiters: `placeholder(named: "förnamn")` is the `FORNAMN` entry.
    public func placeholder(named name: some StringProtocol) -> Placeholder? {
        indexByName[PlaceholderName.folded(name)].map { placeholders[$0] }
    }

    /// The spelling of the name nearest to `name` that `accepts` admits, if one is close
    /// enough to be a likely misspelling (`FORNAME` → `FORNAMN`).
    func suggestion(for name: String, where accepts: (Placeholder) -> Bool = { _ in true }) -> (name: String, placeholder: Placeholder)? {
        let folded = PlaceholderName.folded(name)
        var candidates: [(name: String, placeholder: Placeholder)] = []
        for placeholder in placeholders where accepts(placeholder) {
            for name in placeholder.names { candidates.append((name, placeholder)) }
        }
        guard let nearest = PlaceholderName.nearest(to: folded, among: candidates.lazy.map { PlaceholderName.folded($0.name) }) else {
            return nil
        }
        return candidates.first { PlaceholderName.folded($0.name) == nearest }
    }
}
