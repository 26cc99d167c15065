// The four kinds of strings: basic, literal, and their multi-line forms.

extension TOMLParser {
    /// Reads `"…"` with escapes, on one line.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = offset
        offset += 1
        var text: [UInt8] = []
        while true {
            guard let byte = peek() else { throw unclosedString(at: start, multiline: false) }
            switch byte {
            case Byte.quote:
                offset += 1
                return String(decoding: text, as: UTF8.self)
            case Byte.backslash:
                try parseEscape(into: &text)
            case Byte.lineFeed, Byte.carriageReturn:
                throw error(.invalidString, at: start,
                            "the string is not closed on the line where it starts; use \"\"\" for a string over several lines")
            default:
                if TOMLParser.isControl(byte) { throw controlCharacter(byte) }
                text.append(byte)
                offset += 1
            }
        }
    }

    /// Reads `'…'`, taken as written, on one line.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = offset
        offset += 1
        while true {
            guard let byte = peek() else { throw unclosedString(at: start, multiline: false) }
            switch byte {
            case Byte.apostrophe:
                offset += 1
                return String(decoding: bytes[(start + 1)..<(offset - 1)], as: UTF8.self)
            case Byte.lineFeed, Byte.carriageReturn:
                throw error(.invalidString, at: start,
                            "the string is not closed on the line where it starts; use ''' for a string over several lines")
            default:
                if TOMLParser.isControl(byte) { throw controlCharacter(byte) }
                offset += 1
            }
        }
    }

    /// Reads `"""…"""` with escapes and line-ending backslashes.
    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let start = offset
        offset += 3
        _ = try consumeNewline()
        var text: [UInt8] = []
        while true {
            guard let byte = peek() else { throw unclosedString(at: start, multiline: true) }
            switch byte {
            case Byte.quote:
                if try closesMultilineString(with: Byte.quote, into: &text) {
                    return String(decoding: text, as: UTF8.self)
                }
            case Byte.backslash:
                if try !skipLineEndingBackslash() { try parseEscape(into: &text) }
            case Byte.lineFeed, Byte.carriageReturn:
                _ = try consumeNewline()
                text.append(Byte.lineFeed)
            default:
                if TOMLParser.isControl(byte) { throw controlCharacter(byte) }
                text.append(byte)
                offset += 1
            }
        }
    }

    /// Reads `'''…'''`, taken as written.
    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let start = offset
        offset += 3
        _ = try consumeNewline()
        var text: [UInt8] = []
        while true {
            guard let byte = peek() else { throw unclosedString(at: start, multiline: true) }
            switch byte {
            case Byte.apostrophe:
                if try closesMultilineString(with: Byte.apostrophe, into: &text) {
                    return String(decoding: text, as: UTF8.self)
                }
            case Byte.lineFeed, Byte.carriageReturn:
                _ = try consumeNewline()
                text.append(Byte.lineFeed)
            default:
                if TOMLParser.isControl(byte) { throw controlCharacter(byte) }
                text.append(byte)
                offset += 1
            }
        }
    }

    /// Consumes a run of `delimiter`s: one or two are text; three to five close the string,
    /// the ones before the last three being text; six or more are an error.
    private mutating func closesMultilineString(with delimiter: UInt8, into text: inout [UInt8]) throws(TOMLError) -> Bool {
        var count = 0
        while peek(count) == delimiter { count += 1 }
        if count >= 6 {
            let written = delimiter == Byte.quote ? "quotation marks" : "apostrophes"
            let hint = delimiter == Byte.quote ? "; escape one as \\\"" : "; use a \"\"\" string instead"
            throw error(.invalidString, at: offset, "a multi-line string cannot hold three \(written) in a row\(hint)")
        }
        let closes = count >= 3
        let textCount = closes ? count - 3 : count
        text.append(contentsOf: repeatElement(delimiter, count: textCount))
        offset += count
        return closes
    }

    /// Skips a backslash that ends a line with all whitespace and newlines after it.
    private mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var ahead = 1
        while let byte = peek(ahead), byte == Byte.space || byte == Byte.tab { ahead += 1 }
        guard peek(ahead) == Byte.lineFeed || (peek(ahead) == Byte.carriageReturn && peek(ahead + 1) == Byte.lineFeed) else {
            return false
        }
        offset += ahead
        while true {
            skipWhitespace()
            guard try consumeNewline() else { return true }
        }
    }

    /// Reads `\n`, `\uXXXX` and the other escapes of basic strings.
    private mutating func parseEscape(into text: inout [UInt8]) throws(TOMLError) {
        let start = offset
        guard let code = peek(1) else { throw unclosedString(at: start, multiline: false) }
        offset += 2
        switch code {
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case Byte.quote: text.append(Byte.quote)
        case Byte.backslash: text.append(Byte.backslash)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = code == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let byte = peek(), let digit = TOMLParser.hexDigitValue(byte) else {
                    throw error(.invalidString, at: start,
                                "the escape \\\(Character(Unicode.Scalar(code))) needs exactly \(digits) hexadecimal digits; write a backslash as \\\\ or use a 'literal string'")
                }
                value = value * 16 + UInt32(digit)
                offset += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                let written = String(decoding: bytes[start..<offset], as: UTF8.self)
                throw error(.invalidString, at: start, "the escape \(written) is not a Unicode scalar value")
            }
            text.append(contentsOf: Array(String(Character(scalar)).utf8))
        case Byte.lineFeed, Byte.carriageReturn, Byte.space, Byte.tab:
            throw error(.invalidString, at: start,
                        "a backslash may end a line only in a \"\"\" string; write a backslash as \\\\")
        default:
            if TOMLParser.isControl(code) {
                offset = start + 1
                throw controlCharacter(code)
            }
            var end = start + 2
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let written = String(decoding: bytes[start..<end], as: UTF8.self)
            throw error(.invalidString, at: start,
                        "\(written) is not a valid escape; write a backslash as \\\\ or use a 'literal string'")
        }
    }

    static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private func unclosedString(at start: Int, multiline: Bool) -> TOMLError {
        error(.invalidString, at: start,
              multiline ? "the multi-line string is not closed before the end of the file"
                        : "the string is not closed before the end of the file")
    }

    private func controlCharacter(_ byte: UInt8) -> TOMLError {
        error(.invalidString, at: offset,
              "a string cannot hold the control character U+\(hex(byte, digits: 4)); write it as \\u\(hex(byte, digits: 4))")
    }
}
