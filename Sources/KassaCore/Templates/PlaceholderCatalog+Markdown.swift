extension PlaceholderCatalog {
    /// `docs/placeholders.md`: the rules in a paragraph, then `markdownTable()`.
    public func markdownPage() -> String {
        """
        # Placeholders

        Templates (`kassa.template { text = ... }`, `kassa mailing create --text ...`) insert \
        customer, shop and document values with these placeholders.

        - Matching ignores case and accents: `#FÖRNAMN#`, `#fornamn#` and `#FIRST_NAME#` are one placeholder.
        - `#NAME|fallback#` gives the text used for a customer without the value; `fallbacks = { FORNAMN = "kund" }` \
        in `kassa.template` gives defaults. Without either, that customer's message fails with an error naming \
        the customer and the placeholder: a literal `#FORNAMN#` is never sent.
        - `#ATTR.key#` inserts the custom attribute `key`.
        - `##` is a literal `#`; any other `#` or `<...>` text (`order #123`, `<b>`) is left as written.
        - An unknown placeholder is an error naming the template, line, column and the likely intended \
        placeholder, when the plugin loads or the mailing is saved.
        - A Lua template's `render` function computes the message itself: what it returns is sent as \
        it is, and placeholders in it are not filled in. A message of it containing a placeholder \
        (`#FORNAMN#`, `#FORNAMN|kund#`, `<NUMFACT>`) fails for that customer with an error naming the \
        template, the customer and the token, so a literal placeholder never goes out either way; \
        write the value in Lua (`c.first_name`). Text that names no placeholder (`#shop`, `##`) is sent as written.
        - In HTML bodies every inserted value is HTML-escaped.
        - Dates and amounts are written the shop's way (`[shop] language`: sv, nl, fr, de, en).

        Generated from the catalog by `kassa api-reference --placeholders`.


        """ + markdownTable()
    }

    /// The catalog as a Markdown table (placeholder, other spellings, meaning), one row per
    /// entry in catalog order, for `docs/placeholders.md`.
    public func markdownTable() -> String {
        var lines = [
            "| Placeholder | Also written | Meaning |",
            "|---|---|---|",
        ]
        for placeholder in placeholders {
            let aliases = placeholder.aliases.map { "`\(placeholder.spelling(of: $0))`" }.joined(separator: ", ")
            var spelling = "`\(placeholder.spelling)`"
            if placeholder.kind == .document {
                // Document tokens may also be written in the #NAME# style.
                spelling += " or `#\(placeholder.token)#`"
            }
            lines.append("| \(spelling) | \(aliases.isEmpty ? "–" : aliases) | \(Self.escapedForTable(placeholder.summary)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` safe inside a table cell: a `|` would end the cell.
    private static func escapedForTable(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
