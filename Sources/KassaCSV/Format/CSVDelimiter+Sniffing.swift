extension CSVDelimiter {
    /// Guesses the delimiter of CSV text from its first rows.
    ///
    /// Counts `;`, tab and `,` outside quotes in each of the first rows (at most 20, quoted line
    /// breaks respected). A candidate that occurs in the header and the same number of times in
    /// every row wins; among several such, the one with the most fields, then `;` before tab
    /// before `,`. When no candidate is that regular, the one most frequent in the header wins.
    /// Text without any candidate is read as `,` (one column).
    ///
    /// - Parameter bytes: the start of the file, after any byte order mark. A row cut off at the
    ///   end of `bytes` is ignored unless it is the only one.
    public static func sniff(_ bytes: some Collection<UInt8>) -> CSVDelimiter {
        let rows = countCandidates(in: Array(bytes.prefix(1 << 16)), maximumRows: 20)
        guard let header = rows.first else { return .comma }
        var best: (delimiter: CSVDelimiter, fields: Int)?
        for (index, candidate) in sniffable.enumerated() {
            let count = header[index]
            guard count > 0, rows.allSatisfy({ $0[index] == count }) else { continue }
            if best == nil || count > best!.fields { best = (candidate, count) }
        }
        if let best { return best.delimiter }
        var mostFrequent: (delimiter: CSVDelimiter, count: Int)?
        for (index, candidate) in sniffable.enumerated() where header[index] > (mostFrequent?.count ?? 0) {
            mostFrequent = (candidate, header[index])
        }
        return mostFrequent?.delimiter ?? .comma
    }

    /// For each row, how often each of `sniffable` occurs outside quotes.
    private static func countCandidates(in bytes: [UInt8], maximumRows: Int) -> [[Int]] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var rows: [[Int]] = []
        var counts = [Int](repeating: 0, count: sniffable.count)
        var inQuotes = false
        var rowHasContent = false
        // A quote opens a quoted field only at the start of a field, as in the reader: a quote
        // inside `37°36'37.8"N` is a character. Any candidate counts as a field boundary here.
        var previous: UInt8 = lf
        var previousClosedQuote = false
        for byte in bytes {
            defer { previous = byte }
            if inQuotes {
                if byte == quote {
                    inQuotes = false
                    previousClosedQuote = true
                }
                continue
            }
            let closedQuoteBefore = previousClosedQuote
            previousClosedQuote = false
            switch byte {
            case quote:
                // `""` inside a quoted field: the field goes on.
                inQuotes = closedQuoteBefore || previous == cr || previous == lf
                    || sniffable.contains { $0.byte == previous }
                rowHasContent = true
            case cr, lf:
                if rowHasContent { rows.append(counts) }
                if rows.count == maximumRows { return rows }
                counts = [Int](repeating: 0, count: sniffable.count)
                rowHasContent = false
            default:
                rowHasContent = true
                if let index = sniffable.firstIndex(where: { $0.byte == byte }) { counts[index] += 1 }
            }
        }
        // The last row is complete only if the text ends there; a row cut off by the sample
        // would count fewer delimiters and spoil the regularity test.
        if rowHasContent && rows.isEmpty { rows.append(counts) }
        return rows
    }
}
