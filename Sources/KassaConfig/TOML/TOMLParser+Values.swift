// Values: dispatch on the first character, arrays and inline tables.

extension TOMLParser {
    /// Reads the value for `key` (an element of its array when `inArray`).
    mutating func parseValue(for key: [String], inArray: Bool) throws(TOMLError) -> TOMLValue {
        switch peek() {
        case Byte.quote?:
            return .string(startsWith(Byte.tripleQuote) ? try parseMultilineBasicString() : try parseBasicString())
        case Byte.apostrophe?:
            return .string(startsWith(Byte.tripleApostrophe) ? try parseMultilineLiteralString() : try parseLiteralString())
        case Byte.openBracket?:
            return try parseArray(for: key)
        case Byte.openBrace?:
            return try parseInlineTable(for: key)
        default:
            return try parseScalar(for: key, inArray: inArray)
        }
    }

    /// "expected a value …, found …" for when no value starts at `start`.
    func missingValue(for key: [String], inArray: Bool, at start: Int) -> TOMLError {
        let place = inArray ? "in the array of the key" : "after \"=\" for the key"
        return error(.syntax, at: start, "expected a value \(place) \(TOMLParser.keyDisplay(key)), found \(describeFound(at: start))")
    }

    private mutating func enterNesting(at start: Int) throws(TOMLError) {
        nesting += 1
        if nesting > TOMLParser.maximumNesting {
            throw error(.tooDeeplyNested, at: start,
                        "arrays and tables are nested more than \(TOMLParser.maximumNesting) deep")
        }
    }

    private mutating func parseArray(for key: [String]) throws(TOMLError) -> TOMLValue {
        let start = offset
        try enterNesting(at: start)
        offset += 1
        var elements: [TOMLValue] = []
        while true {
            try skipBlankLines()
            switch peek() {
            case nil:
                throw error(.syntax, at: start, "the array of the key \(TOMLParser.keyDisplay(key)) is not closed with \"]\"")
            case Byte.closeBracket?:
                offset += 1
                nesting -= 1
                return .array(elements)
            default:
                elements.append(try parseValue(for: key, inArray: true))
            }
            try skipBlankLines()
            switch peek() {
            case Byte.comma?:
                offset += 1
            case Byte.closeBracket?:
                continue
            case nil:
                throw error(.syntax, at: start, "the array of the key \(TOMLParser.keyDisplay(key)) is not closed with \"]\"")
            default:
                throw error(.syntax, at: offset,
                            "expected \",\" or \"]\" after an element of the array of the key \(TOMLParser.keyDisplay(key)), found \(describeFound(at: offset))")
            }
        }
    }

    private mutating func parseInlineTable(for key: [String]) throws(TOMLError) -> TOMLValue {
        let start = offset
        try enterNesting(at: start)
        offset += 1
        let table = TableNode(kind: .header, location: location(at: start))
        let display = TOMLParser.keyDisplay(key)
        skipWhitespace()
        if peek() == Byte.closeBrace {
            offset += 1
            nesting -= 1
            return .table(table.table())
        }
        while true {
            skipWhitespace()
            if peek() == nil || peek() == Byte.lineFeed || peek() == Byte.carriageReturn || peek() == Byte.hash {
                throw error(.syntax, at: offset,
                            "the inline table of the key \(display) must be closed with \"}\" on the line where it starts")
            }
            _ = try parseKeyValue(into: table, path: key)
            skipWhitespace()
            switch peek() {
            case Byte.comma?:
                let comma = offset
                offset += 1
                skipWhitespace()
                if peek() == Byte.closeBrace {
                    throw error(.syntax, at: comma, "an inline table cannot end with a comma (the key \(display))")
                }
            case Byte.closeBrace?:
                offset += 1
                nesting -= 1
                return .table(table.table())
            case nil, Byte.lineFeed?, Byte.carriageReturn?, Byte.hash?:
                throw error(.syntax, at: offset,
                            "the inline table of the key \(display) must be closed with \"}\" on the line where it starts")
            default:
                throw error(.syntax, at: offset,
                            "expected \",\" or \"}\" in the inline table of the key \(display), found \(describeFound(at: offset))")
            }
        }
    }
}
