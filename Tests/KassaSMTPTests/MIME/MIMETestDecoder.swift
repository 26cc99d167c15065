import Foundation

/// A MIME reader for the tests, written independently of the encoder (Foundation does the
/// base64), so that the tests check the encoder's output against the RFCs and not against the
/// encoder itself.
struct DecodedEntity {
    /// Header fields in order, unfolded (CRLF removed before whitespace), values as sent.
    var fields: [(name: String, value: String)]
    /// The header lines exactly as they were on the wire.
    var headerLines: [String]
    /// The body as sent (still transfer-encoded).
    var rawBody: [UInt8]

    /// The raw (unfolded) value of the first field called `name`.
    func raw(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The value of `name` with RFC 2047 encoded words decoded.
    func decoded(_ name: String) -> String? {
        raw(name).map(MIMETestDecoder.decodeEncodedWords)
    }

    /// `type/subtype` of Content-Type, lower-cased; text/plain when absent.
    var mediaType: String {
        raw("Content-Type").map { MIMETestDecoder.parameters($0).value.lowercased() } ?? "text/plain"
    }

    /// A parameter of a field, RFC 2231 resolved (the starred form wins).
    func parameter(_ name: String, of field: String) -> String? {
        raw(field).flatMap { MIMETestDecoder.parameters($0).resolved[name.lowercased()] }
    }

    /// A parameter's plain (unstarred) form, as old clients see it.
    func plainParameter(_ name: String, of field: String) -> String? {
        raw(field).flatMap { MIMETestDecoder.parameters($0).plain[name.lowercased()] }
    }

    /// The parts of a multipart entity.
    func parts() throws -> [DecodedEntity] {
        guard mediaType.hasPrefix("multipart/"), let boundary = parameter("boundary", of: "Content-Type") else {
            throw MIMETestDecoder.Failure("not a multipart entity: \(mediaType)")
        }
        return try MIMETestDecoder.splitMultipart(rawBody, boundary: boundary).map(MIMETestDecoder.parse)
    }

    /// The body with its Content-Transfer-Encoding undone.
    func body() throws -> [UInt8] {
        switch raw("Content-Transfer-Encoding")?.lowercased() ?? "7bit" {
        case "quoted-printable":
            return try MIMETestDecoder.decodeQuotedPrintable(rawBody)
        case "base64":
            guard let data = Data(base64Encoded: Data(rawBody), options: .ignoreUnknownCharacters) else {
                throw MIMETestDecoder.Failure("invalid base64")
            }
            return Array(data)
        default:
            return rawBody
        }
    }

    /// The body decoded as UTF-8 text.
    func text() throws -> String {
        String(decoding: try body(), as: UTF8.self)
    }
}

enum MIMETestDecoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func parse(_ bytes: [UInt8]) throws -> DecodedEntity {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        var index = 0
        // An entity with no header fields starts with its blank line.
        if bytes.starts(with: [13, 10]) {
            headerEnd = 0
        }
        while headerEnd == nil, index + 4 <= bytes.count {
            if Array(bytes[index..<index + 4]) == separator { headerEnd = index + 2 }
            index += 1
        }
        guard let headerEnd else { throw Failure("no blank line after the header") }
        let headerText = String(decoding: bytes[..<headerEnd], as: UTF8.self)
        let lines = headerText.isEmpty ? [] : headerText.components(separatedBy: "\r\n").dropLast()
        var fields: [(name: String, value: String)] = []
        for line in lines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                guard !fields.isEmpty else { throw Failure("continuation line before any field: \(line)") }
                fields[fields.count - 1].value += line
            } else {
                guard let colon = line.firstIndex(of: ":") else { throw Failure("header line without colon: \(line)") }
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        // Whitespace at the start of an unfolded field body is not part of the value.
        fields = fields.map { ($0.name, $0.value.trimmingCharacters(in: .whitespaces)) }
        return DecodedEntity(fields: fields, headerLines: Array(lines), rawBody: Array(bytes[(headerEnd + 2)...]))
    }

    /// RFC 2046 §5.1.1: the parts between `CRLF--boundary` delimiters; the CRLF before a
    /// delimiter belongs to it.
    static func splitMultipart(_ body: [UInt8], boundary: String) throws -> [[UInt8]] {
        let text = "\r\n" + String(decoding: body, as: UTF8.self)
        let delimiter = "\r\n--" + boundary
        var pieces = text.components(separatedBy: delimiter)
        guard pieces.count >= 3 else { throw Failure("boundary \(boundary) found \(pieces.count - 1) times") }
        pieces.removeFirst()  // the preamble
        guard let last = pieces.popLast(), last.hasPrefix("--") else { throw Failure("no close delimiter") }
        return try pieces.map { piece in
            guard piece.hasPrefix("\r\n") else { throw Failure("delimiter not followed by CRLF") }
            // On bytes: in a String, CR LF is one Character.
            return Array(piece.utf8.dropFirst(2))
        }
    }

    static func decodeQuotedPrintable(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        func hex(_ byte: UInt8) throws -> UInt8 {
            switch byte {
            case 48...57: return byte - 48
            case 65...70: return byte - 55
            default: throw Failure("bad hex digit \(byte) in quoted-printable")
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                    index += 3
                    continue
                }
                guard index + 2 < bytes.count else { throw Failure("truncated escape") }
                output.append(try hex(bytes[index + 1]) << 4 | hex(bytes[index + 2]))
                index += 3
            } else {
                guard byte < 128 else { throw Failure("8-bit byte in quoted-printable") }
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// Decodes every `=?charset?B|Q?text?=`; whitespace between two encoded words is dropped
    /// (RFC 2047 §6.2). Only UTF-8 is expected.
    static func decodeEncodedWords(_ text: String) -> String {
        var result = ""
        var pendingWhitespace = ""
        var previousWasEncoded = false
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let word = encodedWord(at: rest) {
                if !previousWasEncoded { result += pendingWhitespace }
                pendingWhitespace = ""
                result += word.decoded
                rest = rest[word.end...]
                previousWasEncoded = true
            } else if rest.first == " " || rest.first == "\t" {
                pendingWhitespace.append(rest.removeFirst())
            } else {
                result += pendingWhitespace
                pendingWhitespace = ""
                result.append(rest.removeFirst())
                previousWasEncoded = false
            }
        }
        return result + pendingWhitespace
    }

    private static func encodedWord(at text: Substring) -> (decoded: String, end: Substring.Index)? {
        let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].uppercased() == "UTF-8", parts[3].hasPrefix("=") else { return nil }
        let payload = parts[2]
        let bytes: [UInt8]
        switch parts[1].uppercased() {
        case "B":
            guard let data = Data(base64Encoded: String(payload)) else { return nil }
            bytes = Array(data)
        case "Q":
            var decoded: [UInt8] = []
            var index = payload.startIndex
            while index < payload.endIndex {
                let character = payload[index]
                if character == "_" {
                    decoded.append(0x20)
                    index = payload.index(after: index)
                } else if character == "=" {
                    let hexEnd = payload.index(index, offsetBy: 3)
                    guard let value = UInt8(payload[payload.index(after: index)..<hexEnd], radix: 16) else { return nil }
                    decoded.append(value)
                    index = hexEnd
                } else {
                    decoded.append(contentsOf: String(character).utf8)
                    index = payload.index(after: index)
                }
            }
            bytes = decoded
        default:
            return nil
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { return nil }
        return (decoded, parts[3].index(after: parts[3].startIndex))
    }

    /// `%XX` escapes as octets, the rest as its UTF-8.
    private static func percentDecoded(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
               let value = UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return bytes
    }

    /// A structured value such as `attachment; filename*=UTF-8''a%20b; filename="a b"`: the
    /// leading value, the parameters with RFC 2231 resolved (continuations joined, starred
    /// forms percent-decoded and preferred), and the plain parameters alone.
    static func parameters(_ text: String) -> (value: String, resolved: [String: String], plain: [String: String]) {
        var items: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && inQuotes {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == ";" && !inQuotes {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        let value = items.removeFirst().trimmingCharacters(in: .whitespaces)
        var plain: [String: String] = [:]
        var starred: [String: [(index: Int, text: String, encoded: Bool)]] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let name = item[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let raw = String(item[item.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            let pieces = name.split(separator: "*", omittingEmptySubsequences: false)
            if pieces.count == 1 {
                plain[name] = raw
                continue
            }
            let base = String(pieces[0])
            let encoded = name.hasSuffix("*")
            let index = pieces.count == 3 || (pieces.count == 2 && !encoded) ? Int(pieces[1]) ?? 0 : 0
            starred[base, default: []].append((index, raw, encoded))
        }
        var resolved = plain
        for (base, segments) in starred {
            var bytes: [UInt8] = []
            for segment in segments.sorted(by: { $0.index < $1.index }) {
                var text = segment.text
                if segment.encoded {
                    if segment.index == 0 {
                        // charset'language'value
                        let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        text = fields.count == 3 ? String(fields[2]) : text
                    }
                    bytes += percentDecoded(text)
                } else {
                    bytes += Array(text.utf8)
                }
            }
            resolved[base] = String(decoding: bytes, as: UTF8.self)
        }
        return (value, resolved, plain)
    }
}
