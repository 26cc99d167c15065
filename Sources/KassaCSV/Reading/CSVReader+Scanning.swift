extension CSVReader {
    enum ScanOutcome {
        case record
        case endOfInput
        /// The record does not end inside the buffer; `openQuote` is where an unclosed quote opened.
        case needsMoreInput(openQuote: (line: Int, column: Int)?)
    }

    /// Parses one record starting at `position`. On success the record's fields are in `fields`,
    /// `line` is its first line, and `position`/`nextLine` have moved past it. When the buffer
    /// ends first, nothing moves: the caller refills and the record is parsed again from its start.
    func scanRecord() throws -> ScanOutcome {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        let delimiter = self.delimiter.byte
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let end = filled
        let atEnd = reachedEnd
        var index = position
        var currentLine = nextLine

        // Empty lines make no record.
        while index < end, bytes[index] == cr || bytes[index] == lf {
            if bytes[index] == cr {
                if index + 1 == end && !atEnd { return .needsMoreInput(openQuote: nil) }
                if index + 1 < end && bytes[index + 1] == lf { index += 1 }
            }
            index += 1
            currentLine += 1
        }
        if index == end {
            if !atEnd {
                position = index
                nextLine = currentLine
                return .needsMoreInput(openQuote: nil)
            }
            position = index
            nextLine = currentLine
            return .endOfInput
        }

        let recordLine = currentLine
        // A local copy keeps the loop free of the class's exclusivity checks; it is written
        // back on every exit because appending may have moved its storage.
        var spans = fields
        defer { fields = spans }
        spans.removeAll()
        while true {
            if index < end && bytes[index] == quote {
                let quoteLine = currentLine
                index += 1
                let contentStart = index
                var hasDoubledQuotes = false
                var contentEnd = 0
                while true {
                    if index == end {
                        if atEnd {
                            throw CSVError(.unterminatedQuote, file: fileName, line: quoteLine, column: spans.count + 1,
                                           reason: "the quoted field that opens here is never closed")
                        }
                        return .needsMoreInput(openQuote: (quoteLine, spans.count + 1))
                    }
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 == end && !atEnd { return .needsMoreInput(openQuote: (quoteLine, spans.count + 1)) }
                        if index + 1 < end && bytes[index + 1] == quote {
                            hasDoubledQuotes = true
                            index += 2
                            continue
                        }
                        contentEnd = index
                        index += 1
                        break
                    } else if byte == lf {
                        currentLine += 1
                    } else if byte == cr {
                        if index + 1 == end && !atEnd { return .needsMoreInput(openQuote: (quoteLine, spans.count + 1)) }
                        if index + 1 < end && bytes[index + 1] == lf { index += 1 }
                        currentLine += 1
                    }
                    index += 1
                }
                if delimiter != space {
                    while index < end && bytes[index] == space { index += 1 }
                }
                spans.append(FieldSpan(start: contentStart, end: contentEnd, hasDoubledQuotes: hasDoubledQuotes))
                if index == end {
                    if atEnd { break }
                    return .needsMoreInput(openQuote: nil)
                }
                let next = bytes[index]
                if next == delimiter {
                    index += 1
                    continue
                }
                if next != cr && next != lf {
                    let shown = String(decoding: CollectionOfOne(next < 0x80 ? next : UInt8(ascii: "?")), as: UTF8.self)
                    throw CSVError(.characterAfterQuote, file: fileName, line: currentLine, column: spans.count,
                                   reason: "\(CSVError.quoted(shown)) follows the closing quote of a quoted field; a quote inside a quoted field must be doubled (\"\")")
                }
            } else {
                let start = index
                while index < end {
                    let byte = bytes[index]
                    if byte == delimiter || byte == lf || byte == cr { break }
                    index += 1
                }
                if index == end && !atEnd { return .needsMoreInput(openQuote: nil) }
                spans.append(FieldSpan(start: start, end: index, hasDoubledQuotes: false))
                if index == end { break }
                if bytes[index] == delimiter {
                    index += 1
                    continue
                }
            }
            // A line end closes the record.
            if bytes[index] == cr {
                if index + 1 == end && !atEnd { return .needsMoreInput(openQuote: nil) }
                if index + 1 < end && bytes[index + 1] == lf { index += 1 }
            }
            index += 1
            currentLine += 1
            break
        }
        position = index
        nextLine = currentLine
        line = recordLine
        return .record
    }
}
