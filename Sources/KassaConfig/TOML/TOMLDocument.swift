import Foundation
import KassaCore
internal import TOMLKit

/// Reads a TOML document with TOMLKit (toml++) into a `TOMLTable` whose keys know their
/// lines.
///
/// TOMLKit 0.6.0 gives the line and column of a syntax error, but not where a key or value
/// stands: toml++ keeps source regions on its nodes, and TOMLKit exposes none of them. So
/// that an error in a value still names its line, every table carries a `TOMLLineIndex`,
/// which finds lines by asking TOMLKit itself, not by reading TOML a second way.
enum TOMLDocument {
    /// The root table of `bytes`.
    /// - Throws: `KassaConfigurationError` (`.invalidTOML`) with the line and column of the
    ///   mistake: TOMLKit's own message, invalid UTF-8, which Swift's strings would
    ///   otherwise replace silently, or a NUL byte.
    static func parse(_ bytes: [UInt8], fileName: String) throws(KassaConfigurationError) -> TOMLTable {
        if let bad = bytes.withUnsafeBufferPointer(UTF8Validation.firstInvalidOffset(in:)) {
            let (line, column) = position(of: bad, in: bytes)
            throw KassaConfigurationError(code: .invalidTOML, fileName: fileName, line: line, column: column, key: nil,
                                          message: "the file is not valid UTF-8 (byte 0x\(hex(bytes[bad])))")
        }
        // TOMLKit passes the text to toml++ as a C string, which would end at a NUL and drop
        // the rest of the file unread; TOML allows no NUL anywhere, so it is refused here.
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = position(of: nul, in: bytes)
            throw KassaConfigurationError(code: .invalidTOML, fileName: fileName, line: line, column: column, key: nil,
                                          message: "the file holds a NUL byte (U+0000), which TOML does not allow")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let root: TOMLKit.TOMLTable
        do {
            root = try TOMLKit.TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw KassaConfigurationError(code: .invalidTOML, fileName: fileName, line: error.source.begin.line,
                                          column: error.source.begin.column, key: nil, message: message(of: error))
        } catch {
            throw KassaConfigurationError(code: .invalidTOML, fileName: fileName, line: nil, key: nil, message: "\(error)")
        }
        return table(root, path: [], index: TOMLLineIndex(text))
    }

    /// toml++'s sentence, "Error while parsing key-value pair: expected '=', saw 'n'",
    /// as "invalid TOML in the key-value pair: expected '=', saw 'n'".
    private static func message(of error: TOMLParseError) -> String {
        let text = error.description
        let preamble = "Error while parsing "
        guard text.hasPrefix(preamble) else { return "invalid TOML: " + text }
        return "invalid TOML in the " + text.dropFirst(preamble.count)
    }

    // MARK: From TOMLKit's values to Kassa's

    private static func table(_ table: TOMLKit.TOMLTable, path: [TOMLPathStep], index: TOMLLineIndex) -> TOMLTable {
        var result = TOMLTable(path: path, index: index)
        for key in table.keys {
            guard let value = table[key] else { continue }
            result[key] = self.value(value, path: path + [.key(key)], index: index)
        }
        return result
    }

    private static func value(_ value: any TOMLValueConvertible, path: [TOMLPathStep], index: TOMLLineIndex) -> TOMLValue {
        switch value.type {
        case .table: return .table(table(value.table!, path: path, index: index))
        case .array:
            return .array(value.array!.enumerated().map { offset, element in
                self.value(element, path: path + [.index(offset)], index: index)
            })
        case .string: return .string(value.string!)
        case .int: return .integer(Int64(value.int!))
        case .double: return .float(value.double!)
        case .bool: return .boolean(value.bool!)
        case .date: return .localDate(text(of: value.date!))
        case .time: return .localTime(text(of: value.time!))
        case .dateTime:
            let dateTime = value.dateTime!
            let local = text(of: dateTime.date) + "T" + text(of: dateTime.time)
            guard let offset = dateTime.offset else { return .localDateTime(local) }
            return .offsetDateTime(local + text(of: offset))
        }
    }

    /// `1979-05-27`.
    private static func text(of date: TOMLDate) -> String {
        "\(digits(date.year, 4))-\(digits(date.month, 2))-\(digits(date.day, 2))"
    }

    /// `07:32:00`, `00:32:00.999999`: the fraction without trailing zeros.
    private static func text(of time: TOMLTime) -> String {
        var text = "\(digits(time.hour, 2)):\(digits(time.minute, 2)):\(digits(time.second, 2))"
        if time.nanoSecond > 0 {
            var fraction = digits(time.nanoSecond, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    /// `Z`, `-07:00`.
    private static func text(of offset: TOMLTimeOffset) -> String {
        guard offset.offset != 0 else { return "Z" }
        let minutes = abs(offset.offset)
        return (offset.offset < 0 ? "-" : "+") + "\(digits(minutes / 60, 2)):\(digits(minutes % 60, 2))"
    }

    private static func digits(_ number: Int, _ count: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }

    // MARK: Encoding

    /// The 1-based line and column of the byte at `offset`, columns counted in scalars.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return (line, column)
    }

    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }
}
