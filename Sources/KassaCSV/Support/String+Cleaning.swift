extension String {
    /// The text without leading and trailing white space (Unicode White_Space, e.g. a no-break space).
    func trimmingWhitespace() -> String {
        // Most cells start and end with a visible ASCII character: no Unicode lookups then.
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isWhitespaceForTrimming }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isWhitespaceForTrimming })!
        if start == scalars.startIndex && end == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    /// White space for trimming cells: ASCII checked directly, the rest by Unicode's property.
    var isWhitespaceForTrimming: Bool {
        if value < 0x80 { return TextDecoding.isASCIIWhitespace(UInt8(value)) }
        return properties.isWhitespace
    }
}
