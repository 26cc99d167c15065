/// Splits template text into literal runs and tokens, following the syntax documented on
/// `PlaceholderTemplate`, and resolves each token against a catalog.
///
/// It works on `Character`s so that columns count what an editor shows (an "é" written as
/// "e" + accent is one column).
struct PlaceholderParser {
    /// A token as found, before default fallbacks are applied.
    struct Token {
        var placeholder: Placeholder
        var written: String
        var name: String
        var attributeKey: String?
        var inlineFallback: String?
        var line: Int
        var column: Int
    }

    /// What a name refers to.
    enum Resolution {
        case placeholder(Placeholder, attributeKey: String?)
        /// `ATTR` without a key.
        case missingAttributeKey
        case unknown
    }

    let templateName: String
    let catalog: PlaceholderCatalog
    private let characters: [Character]

    /// The literal runs: one before each token and one after the last, so
    /// `literals.count == tokens.count + 1`.
    private(set) var literals: [String] = []
    private(set) var tokens: [Token] = []

    private var literal = ""
    private var line = 1
    private var lineStart = 0

    init(source: String, templateName: String, catalog: PlaceholderCatalog) {
        self.characters = Array(source)
        self.templateName = templateName
        self.catalog = catalog
    }

    /// Reads the whole text; afterwards `literals` and `tokens` hold the template.
    mutating func parse() throws(TemplateError) {
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "#" {
                index = try hashToken(at: index)
            } else if character == "<" {
                index = try angleToken(at: index)
            } else {
                appendLiteral(character, at: index)
                index += 1
            }
        }
        literals.append(literal)
    }

    // MARK: - #NAME# and #NAME|fallback#

    /// Reads what starts with the `#` at `start`; returns the index after it.
    private mutating func hashToken(at start: Int) throws(TemplateError) -> Int {
        let afterHash = start + 1
        if afterHash < characters.count, characters[afterHash] == "#" {
            literal.append("#")
            return afterHash + 1
        }
        guard afterHash < characters.count, characters[afterHash].isLetter else {
            return literalHash(at: start)
        }
        var end = afterHash
        while end < characters.count, Self.isNameCharacter(characters[end]) { end += 1 }
        let name = String(characters[afterHash..<end])

        if end < characters.count, characters[end] == "#" {
            try addToken(name: name, fallback: nil, written: text(start..<end + 1), start: start)
            return end + 1
        }
        if end < characters.count, characters[end] == "|" {
            var close = end + 1
            while close < characters.count, characters[close] != "#", !characters[close].isNewline { close += 1 }
            if close < characters.count, characters[close] == "#" {
                let fallback = text(end + 1..<close)
                try addToken(name: name, fallback: fallback, written: text(start..<close + 1), start: start)
                return close + 1
            }
            // "#FORNAMN|kund" without its closing "#" is a mistake, not a hashtag.
            if case .unknown = resolve(name) {} else {
                throw error(.unterminatedFallback, token: text(start..<close), at: start)
            }
            return literalHash(at: start)
        }
        // "#FORNAMN " (no closing "#") in capitals is almost surely a broken placeholder and
        // would send "#FORNAMN" to customers; a hashtag such as "#shop" or a CSS id such as
        // "#card {" is written in lower case and stays text. A final "." is the sentence's.
        var bareName = Substring(name)
        while bareName.hasSuffix(".") { bareName = bareName.dropLast() }
        let prefix = bareName.prefix { $0 != "." }
        if prefix.allSatisfy({ !$0.isLetter || $0.isUppercase }) {
            switch resolve(String(bareName)) {
            case .placeholder(let placeholder, let attributeKey):
                let expected = placeholder.field == .attribute
                    ? "#\(prefix).\(attributeKey ?? "")#"
                    : "#\(bareName)#"
                throw error(.unterminatedPlaceholder(expected: expected), token: "#\(bareName)", at: start)
            case .missingAttributeKey, .unknown:
                break
            }
        }
        return literalHash(at: start)
    }

    /// A `#` that starts no token: it is text.
    private mutating func literalHash(at index: Int) -> Int {
        literal.append("#")
        return index + 1
    }

    private mutating func addToken(name: String, fallback: String?, written: String, start: Int) throws(TemplateError) {
        switch resolve(name) {
        case .placeholder(let placeholder, let attributeKey):
            append(Token(placeholder: placeholder, written: written, name: name, attributeKey: attributeKey,
                         inlineFallback: fallback, line: line, column: start - lineStart + 1))
        case .missingAttributeKey:
            let example = "#\(name).key\(fallback.map { "|\($0)" } ?? "")#"
            throw error(.missingAttributeKey(example: example), token: written, at: start)
        case .unknown:
            let tail = fallback.map { "|\($0)" } ?? ""
            var suggestion: String?
            if let dot = name.firstIndex(of: "."),
               let near = catalog.suggestion(for: String(name[..<dot]), where: { $0.field == .attribute }) {
                suggestion = "#\(near.name)\(name[dot...])\(tail)#"
            } else if let near = catalog.suggestion(for: name) {
                suggestion = "#\(near.name)\(tail)#"
            }
            throw error(.unknownPlaceholder(suggestion: suggestion), token: written, at: start)
        }
    }

    // MARK: - <NAME>

    /// Reads what starts with the `<` at `start`: a document token, or (most often) HTML.
    private mutating func angleToken(at start: Int) throws(TemplateError) -> Int {
        var end = start + 1
        guard end < characters.count, Self.isCapital(characters[end]) else {
            appendLiteral("<", at: start)
            return start + 1
        }
        while end < characters.count, Self.isCapital(characters[end]) || Self.isDigitOrUnderscore(characters[end]) { end += 1 }
        guard end < characters.count, characters[end] == ">" else {
            appendLiteral("<", at: start)
            return start + 1
        }
        let name = text(start + 1..<end)
        let written = "<\(name)>"
        if let placeholder = catalog.placeholder(named: name) {
            if placeholder.kind == .document {
                append(Token(placeholder: placeholder, written: written, name: name, attributeKey: nil,
                             inlineFallback: nil, line: line, column: start - lineStart + 1))
                return end + 1
            }
            // "<FORNAMN>": a customer field in the document style, which would go out as is.
            throw error(.unknownPlaceholder(suggestion: "#\(name)#"), token: written, at: start)
        }
        if let near = catalog.suggestion(for: name, where: { $0.kind == .document }) {
            throw error(.unknownPlaceholder(suggestion: "<\(near.name)>"), token: written, at: start)
        }
        // An upper-case HTML tag (<B>, <TABLE>) or other text in angle brackets.
        appendLiteral("<", at: start)
        return start + 1
    }

    // MARK: - Helpers

    /// What `name` (as written, between the delimiters) refers to.
    func resolve(_ name: String) -> Resolution {
        if let placeholder = catalog.placeholder(named: name) {
            return placeholder.field == .attribute ? .missingAttributeKey : .placeholder(placeholder, attributeKey: nil)
        }
        if let dot = name.firstIndex(of: "."),
           let placeholder = catalog.placeholder(named: name[..<dot]), placeholder.field == .attribute {
            let key = name[name.index(after: dot)...]
            return key.isEmpty ? .missingAttributeKey : .placeholder(placeholder, attributeKey: String(key))
        }
        return .unknown
    }

    private mutating func append(_ token: Token) {
        literals.append(literal)
        literal = ""
        tokens.append(token)
    }

    private mutating func appendLiteral(_ character: Character, at index: Int) {
        literal.append(character)
        if character.isNewline {
            line += 1
            lineStart = index + 1
        }
    }

    private func text(_ range: Range<Int>) -> String {
        String(characters[range])
    }

    private func error(_ problem: TemplateError.Problem, token: String, at index: Int) -> TemplateError {
        TemplateError(problem, template: templateName, line: line, column: index - lineStart + 1, token: token)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "."
    }

    /// A to Z only: a Character range would also admit "B" + a combining accent.
    private static func isCapital(_ character: Character) -> Bool {
        character.isASCII && character.isUppercase
    }

    private static func isDigitOrUnderscore(_ character: Character) -> Bool {
        (character.isASCII && character.isWholeNumber) || character == "_"
    }
}
