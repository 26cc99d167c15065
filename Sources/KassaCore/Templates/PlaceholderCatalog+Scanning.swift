extension PlaceholderCatalog {
    /// The first placeholder written in `text` as it would go out, such as `#FORNAMN#`,
    /// `#FORNAMN|kund#`, `#ATTR.key#` or `<NUMFACT>`; `nil` when there is none.
    ///
    /// For text that is not a template (what a Lua `render` function returns): `##` is no
    /// escape there, and `#` or `<...>` text that names no placeholder (`#shop`, `#Sale#`,
    /// `<b>`) is just text.
    public func firstPlaceholder(in text: String) -> String? {
        // Most messages have neither delimiter: skip the scan.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "<") }) else { return nil }
        let characters = Array(text)
        let resolver = PlaceholderParser(source: "", templateName: "", catalog: self)
        func isPlaceholder(_ name: String) -> Bool {
            if case .placeholder = resolver.resolve(name) { return true }
            return false
        }
        for (start, character) in characters.enumerated() where character == "#" || character == "<" {
            var end = start + 1
            guard end < characters.count, characters[end].isLetter else { continue }
            if character == "<" {
                while end < characters.count, characters[end] != ">", characters[end] != "<", !characters[end].isWhitespace { end += 1 }
                guard end < characters.count, characters[end] == ">" else { continue }
                let name = String(characters[start + 1..<end])
                if self.placeholder(named: name) != nil { return "<\(name)>" }
                continue
            }
            while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "." {
                end += 1
            }
            let name = String(characters[start + 1..<end])
            guard end < characters.count, isPlaceholder(name) else { continue }
            if characters[end] == "#" { return String(characters[start...end]) }
            if characters[end] == "|" {
                var close = end + 1
                while close < characters.count, characters[close] != "#", !characters[close].isNewline { close += 1 }
                if close < characters.count { return String(characters[start...close]) }
            }
        }
        return nil
    }
}
