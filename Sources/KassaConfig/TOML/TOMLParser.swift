import KassaCore

/// Reads TOML v1.0.0 documents (https://toml.io/en/v1.0.0) into a `TOMLTable`.
///
/// Every key keeps the line and column where it was defined, so that a program reading a
/// configuration can point at the line of a value it rejects.
///
/// Where the specification leaves a choice:
/// - a UTF-8 byte order mark at the very start is skipped (editors on Windows add one);
/// - a CRLF inside a multi-line string becomes LF;
/// - dates and times stay text, normalised to `T` between date and time and an upper-case `Z`;
/// - floats that overflow a `Double` (`1e400`) are rejected rather than read as infinity;
/// - tables and arrays nest at most `maximumNesting` deep.
public struct TOMLParser {
    /// How deep tables and arrays may be nested, counting each part of a key, each array
    /// and each inline table; deeper documents are refused rather than exhausting the stack.
    public static let maximumNesting = 128

    let bytes: [UInt8]
    let fileName: String
    /// The offset where each line starts; line 1 starts after a byte order mark.
    let lineStarts: [Int]
    var offset: Int
    var nesting = 0
    let root: TableNode
    var current: TableNode
    var currentPath: [String] = []

    /// Parses `text`, naming `fileName` in errors.
    /// - Throws: `TOMLError` at the first mistake.
    public static func parse(_ text: String, fileName: String = "input.toml") throws(TOMLError) -> TOMLTable {
        try parse(bytes: Array(text.utf8), fileName: fileName)
    }

    /// Parses the UTF-8 bytes of a document, naming `fileName` in errors.
    /// - Throws: `TOMLError` at the first mistake, including bytes that are not UTF-8.
    public static func parse(bytes: [UInt8], fileName: String = "input.toml") throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(bytes: bytes, fileName: fileName)
        try parser.parseDocument()
        return parser.root.table()
    }

    private init(bytes: [UInt8], fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        var starts = [start]
        for index in bytes.indices where bytes[index] == Byte.lineFeed {
            starts.append(index + 1)
        }
        self.lineStarts = starts
        self.offset = start
        self.root = TableNode(kind: .header, location: nil)
        self.current = root
    }

    private mutating func parseDocument() throws(TOMLError) {
        if let bad = firstInvalidUTF8Offset() {
            throw error(.invalidEncoding, at: bad, "the file is not valid UTF-8 (byte 0x\(hex(bytes[bad])))")
        }
        while true {
            skipWhitespace()
            guard let byte = peek() else { return }
            switch byte {
            case Byte.hash, Byte.lineFeed, Byte.carriageReturn:
                try expectEndOfLine(after: "")
            case Byte.openBracket:
                let header = try parseHeader()
                try expectEndOfLine(after: "the table header \(header)")
            default:
                let key = try parseKeyValue(into: current, path: currentPath)
                try expectEndOfLine(after: "the value of \(TOMLParser.keyDisplay(key))")
            }
        }
    }

    /// Reads `[a.b]` or `[[a.b]]` and makes its table the current one; returns the header as written.
    private mutating func parseHeader() throws(TOMLError) -> String {
        let start = offset
        offset += 1
        let isArray = peek() == Byte.openBracket
        if isArray { offset += 1 }
        let parts = try parseKey()
        try checkDepth(parts.count, at: start)
        let names = parts.map(\.name)
        let header = isArray ? "[[\(TOMLValue.keyPathText(names))]]" : "[\(TOMLValue.keyPathText(names))]"
        if isArray {
            guard peek() == Byte.closeBracket, peek(1) == Byte.closeBracket else {
                throw error(.syntax, at: offset, "expected \"]]\" to close the header \(header), found \(describeFound(at: offset))")
            }
            offset += 2
        } else {
            guard peek() == Byte.closeBracket else {
                throw error(.syntax, at: offset, "expected \"]\" to close the header \(header), found \(describeFound(at: offset))")
            }
            offset += 1
        }
        try defineHeader(parts, isArray: isArray, at: start)
        return header
    }

    /// Reads `key = value` into `table`, whose path from the root is `path`; returns the key as written.
    mutating func parseKeyValue(into table: TableNode, path: [String]) throws(TOMLError) -> [String] {
        let start = offset
        let parts = try parseKey()
        // Tables nest through the section path, enclosing arrays and inline tables, and the key.
        try checkDepth(path.count + nesting + parts.count, at: start)
        let names = parts.map(\.name)
        guard peek() == Byte.equals else {
            throw error(.syntax, at: offset, "expected \"=\" after the key \(TOMLParser.keyDisplay(names))")
        }
        offset += 1
        skipWhitespace()
        // The value sits as many tables deeper as the key has parts.
        nesting += parts.count
        let value = try parseValue(for: names, inArray: false)
        nesting -= parts.count
        try defineKeyValue(parts, value, in: table, path: path)
        return names
    }

    /// Refuses tables nested deeper than `maximumNesting`, which would only exhaust the stack.
    private func checkDepth(_ depth: Int, at start: Int) throws(TOMLError) {
        guard depth > TOMLParser.maximumNesting else { return }
        throw error(.tooDeeplyNested, at: start, "tables are nested more than \(TOMLParser.maximumNesting) deep")
    }

    /// Reads a bare, quoted or dotted key, with the whitespace around it.
    private mutating func parseKey() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipWhitespace()
            parts.append(try parseSimpleKey())
            skipWhitespace()
            guard peek() == Byte.dot else { return parts }
            offset += 1
        }
    }

    private mutating func parseSimpleKey() throws(TOMLError) -> KeyPart {
        let start = offset
        switch peek() {
        case Byte.quote?:
            if startsWith(Byte.tripleQuote) {
                throw error(.syntax, at: start, "a key cannot be a multi-line string")
            }
            return KeyPart(name: try parseBasicString(), offset: start)
        case Byte.apostrophe?:
            if startsWith(Byte.tripleApostrophe) {
                throw error(.syntax, at: start, "a key cannot be a multi-line string")
            }
            return KeyPart(name: try parseLiteralString(), offset: start)
        case let byte? where TOMLParser.isBareKeyByte(byte):
            while let next = peek(), TOMLParser.isBareKeyByte(next) { offset += 1 }
            return KeyPart(name: String(decoding: bytes[start..<offset], as: UTF8.self), offset: start)
        default:
            throw error(.syntax, at: start, "expected a key, found \(describeFound(at: start))")
        }
    }

    /// Skips whitespace and a comment, then requires a new line or the end of the file.
    private mutating func expectEndOfLine(after what: String) throws(TOMLError) {
        skipWhitespace()
        if peek() == Byte.hash { try skipComment() }
        guard peek() != nil else { return }
        guard try consumeNewline() else {
            throw error(.syntax, at: offset, "expected a new line after \(what), found \(describeFound(at: offset))")
        }
    }
}

// MARK: - Reading bytes

extension TOMLParser {
    /// A part of a dotted key and where it starts.
    struct KeyPart {
        var name: String
        var offset: Int
    }

    /// The bytes the parser looks for, by name.
    enum Byte {
        static let tab: UInt8 = 0x09
        static let lineFeed: UInt8 = 0x0A
        static let carriageReturn: UInt8 = 0x0D
        static let space: UInt8 = 0x20
        static let quote = UInt8(ascii: "\"")
        static let hash = UInt8(ascii: "#")
        static let apostrophe = UInt8(ascii: "'")
        static let plus = UInt8(ascii: "+")
        static let comma = UInt8(ascii: ",")
        static let minus = UInt8(ascii: "-")
        static let dot = UInt8(ascii: ".")
        static let colon = UInt8(ascii: ":")
        static let equals = UInt8(ascii: "=")
        static let openBracket = UInt8(ascii: "[")
        static let backslash = UInt8(ascii: "\\")
        static let closeBracket = UInt8(ascii: "]")
        static let underscore = UInt8(ascii: "_")
        static let openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}")
        static let delete: UInt8 = 0x7F
        static let tripleQuote = Array("\"\"\"".utf8)
        static let tripleApostrophe = Array("'''".utf8)
    }

    /// `A-Z a-z 0-9 _ -`, the characters of a bare key.
    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), Byte.underscore, Byte.minus:
            return true
        default:
            return false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Control characters TOML forbids outside multi-line strings: all but tab.
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != Byte.tab) || byte == Byte.delete
    }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let index = offset + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    func startsWith(_ prefix: [UInt8]) -> Bool {
        guard offset + prefix.count <= bytes.count else { return false }
        for (index, byte) in prefix.enumerated() where bytes[offset + index] != byte { return false }
        return true
    }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == Byte.space || byte == Byte.tab { offset += 1 }
    }

    /// Consumes LF or CRLF; `false` when neither is next.
    mutating func consumeNewline() throws(TOMLError) -> Bool {
        switch peek() {
        case Byte.lineFeed?:
            offset += 1
            return true
        case Byte.carriageReturn?:
            guard peek(1) == Byte.lineFeed else {
                throw error(.syntax, at: offset, "a carriage return must be followed by a line feed")
            }
            offset += 2
            return true
        default:
            return false
        }
    }

    /// Skips from `#` to the end of the line, leaving the newline.
    mutating func skipComment() throws(TOMLError) {
        offset += 1
        while let byte = peek(), byte != Byte.lineFeed {
            if byte == Byte.carriageReturn, peek(1) == Byte.lineFeed { return }
            if TOMLParser.isControl(byte) {
                throw error(.syntax, at: offset, "a comment cannot hold the control character U+\(hex(byte, digits: 4))")
            }
            offset += 1
        }
    }

    /// Skips whitespace, comments and newlines, as allowed between array elements.
    mutating func skipBlankLines() throws(TOMLError) {
        while true {
            skipWhitespace()
            if peek() == Byte.hash { try skipComment() }
            guard try consumeNewline() else { return }
        }
    }

    /// The offset of the first byte that breaks UTF-8 (overlong forms and surrogates included).
    private func firstInvalidUTF8Offset() -> Int? {
        bytes.withUnsafeBufferPointer(UTF8Validation.firstInvalidOffset(in:))
    }
}

// MARK: - Messages

extension TOMLParser {
    /// The line and column of `offset`; columns count Unicode scalars.
    func location(at offset: Int) -> TOMLLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return TOMLLocation(line: low + 1, column: column)
    }

    func error(_ code: TOMLError.Code, at offset: Int, _ message: String) -> TOMLError {
        TOMLError(code: code, fileName: fileName, location: location(at: offset), message: message)
    }

    /// What stands at `offset`, for "found …": `"last"`, `","`, `the end of the line`.
    func describeFound(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let byte = bytes[offset]
        if byte == Byte.lineFeed || byte == Byte.carriageReturn { return "the end of the line" }
        if TOMLParser.isBareKeyByte(byte) {
            var end = offset
            while end < bytes.count, TOMLParser.isBareKeyByte(bytes[end]) { end += 1 }
            return "\"\(String(decoding: bytes[offset..<end], as: UTF8.self))\""
        }
        if TOMLParser.isControl(byte) { return "the control character U+\(hex(byte, digits: 4))" }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "\"\(String(decoding: bytes[offset..<end], as: UTF8.self))\""
    }

    /// A key for messages: `"name"`, `"fruit.apple"`, or `dog."tater.man"` when parts need quotes.
    static func keyDisplay(_ path: [String]) -> String {
        let text = TOMLValue.keyPathText(path)
        let needsNoQuotes = path.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isBareKeyByte) }
        return needsNoQuotes ? "\"\(text)\"" : text
    }

    func hex(_ byte: UInt8, digits: Int = 2) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
