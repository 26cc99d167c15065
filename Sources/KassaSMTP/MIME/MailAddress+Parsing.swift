extension MailAddress {
    /// A mailbox from the way people write one (and `[smtp] from` holds it):
    /// `info@example.se`, `<info@example.se>`, `Cykelbutiken <info@example.se>` or
    /// `"Berg, Anna" <anna@example.se>`.
    public init(parsing text: String) throws(MIMEError) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = trimmed[..<open].trimmingSpaces()
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = Self.unquoted(name.dropFirst().dropLast())
            }
            self.init(address.trimmingSpaces(), displayName: name.isEmpty ? nil : name)
        } else {
            self.init(trimmed, displayName: nil)
        }
        if let problem = problem() {
            throw MIMEError(.invalidAddress, "The address \(MIMEError.quoted(text)) \(problem).")
        }
    }

    /// The content of a quoted string with its backslash escapes resolved.
    private static func unquoted(_ content: Substring) -> String {
        var result = ""
        var escaped = false
        for character in content {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
