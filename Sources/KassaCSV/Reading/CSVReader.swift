import KassaCore
import Foundation

/// A streaming CSV reader: bytes in, one record at a time out, with the line each record starts on.
///
/// It reads RFC 4180 and what real exports add to it:
/// - line ends CR LF, LF or a lone CR, mixed freely; a last line with or without a line end;
/// - fields in double quotes holding separators, line breaks and doubled quotes (`""` is `"`);
/// - a UTF-8 byte order mark, which is skipped;
/// - the delimiter sniffed from the first rows unless one is given (see `CSVDelimiter.sniff`),
///   or named by Excel's `sep=;` first line, which is skipped;
/// - the encoding detected unless one is given (see `CSVEncoding.detect`).
///
/// Choices where files disagree with the RFC:
/// - A quote inside an unquoted field is an ordinary character (`37°36'37.8"N` stays as it is);
///   only a quote at the very start of a field opens a quoted field.
/// - After a closing quote only spaces may come before the separator or the line end;
///   anything else (`"abc"def`, usually an unescaped quote inside a quoted field) is an error,
///   because guessing what was meant would import a wrong value silently.
/// - Empty lines (no character at all between two line ends) are skipped and produce no record.
/// - A quoted field that runs on for more than `maximumRecordSize` bytes is reported as
///   unterminated instead of growing the buffer without bound.
///
/// The reader parses bytes, keeps one buffer (1 MiB, larger only for a record that does not
/// fit) and decodes a field to a `String` only when asked, so memory stays flat for any file size.
///
/// Use it as a cursor:
/// ```swift
/// let reader = try CSVReader(path: "customers.csv")
/// while try reader.advance() {
///     print(reader.line, try reader.field(0))
/// }
/// ```
/// or take whole records with `next()`. A reader is not thread-safe; use one per task.
public final class CSVReader {
    /// The name used in error messages: the file's last path component, or `<data>`.
    public let fileName: String
    /// The field separator, given or sniffed.
    public private(set) var delimiter: CSVDelimiter
    /// The line (1-based) on which the current record starts; 0 before the first `advance()`.
    public internal(set) var line = 0
    /// The number of fields in the current record.
    public var fieldCount: Int { fields.count }

    /// Records larger than this are refused (see the type's documentation).
    public let maximumRecordSize: Int

    var source: ByteSource
    /// The bytes read and not yet consumed live in `buffer[position..<filled]`.
    var buffer: UnsafeMutableRawBufferPointer
    var position = 0
    var filled = 0
    var reachedEnd = false
    /// The line number of the byte at `position`.
    var nextLine = 1
    /// Where the current record's fields lie in `buffer`.
    var fields = FieldSpans()
    /// The encoding once known; `nil` while every byte read so far was ASCII.
    var decidedEncoding: CSVEncoding?
    /// Scratch space for fields whose doubled quotes are removed.
    var unescaped: [UInt8] = []

    static let defaultBufferSize = 1 << 20

    /// Opens a file for reading.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - delimiter: the separator; `nil` sniffs it from the first rows.
    ///   - encoding: the encoding; `nil` detects it (UTF-8 with or without BOM, else Windows-1252).
    ///   - maximumRecordSize: the largest record accepted, in bytes.
    /// - Throws: `CSVError` when the file cannot be opened or read, or is UTF-16/UTF-32.
    public convenience init(
        path: String,
        delimiter: CSVDelimiter? = nil,
        encoding: CSVEncoding? = nil,
        maximumRecordSize: Int = 16 << 20
    ) throws {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let source = try ByteSource.open(path: path, fileName: fileName)
        try self.init(source: source, fileName: fileName, delimiter: delimiter, encoding: encoding,
                      maximumRecordSize: maximumRecordSize)
    }

    /// Reads CSV bytes that are already in memory.
    ///
    /// - Parameters:
    ///   - data: the whole file's bytes.
    ///   - fileName: the name used in error messages.
    ///   - delimiter: the separator; `nil` sniffs it from the first rows.
    ///   - encoding: the encoding; `nil` detects it.
    ///   - maximumRecordSize: the largest record accepted, in bytes.
    /// - Throws: `CSVError` when the bytes are UTF-16/UTF-32.
    public convenience init(
        data: Data,
        fileName: String = "<data>",
        delimiter: CSVDelimiter? = nil,
        encoding: CSVEncoding? = nil,
        maximumRecordSize: Int = 16 << 20
    ) throws {
        try self.init(source: .data(data, offset: 0), fileName: fileName, delimiter: delimiter,
                      encoding: encoding, maximumRecordSize: maximumRecordSize)
    }

    init(
        source: ByteSource,
        fileName: String,
        delimiter: CSVDelimiter?,
        encoding: CSVEncoding?,
        maximumRecordSize: Int,
        bufferSize: Int = CSVReader.defaultBufferSize
    ) throws {
        self.source = source
        self.fileName = fileName
        self.maximumRecordSize = max(maximumRecordSize, 1024)
        self.buffer = .allocate(byteCount: max(bufferSize, 4), alignment: 16)
        self.delimiter = delimiter ?? .comma
        self.decidedEncoding = encoding
        // Every stored property is set: if what follows throws, deinit closes the file.
        try fill()
        let start = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
        if let name = CSVEncoding.unsupportedMark(at: start) {
            throw CSVError(.unsupportedEncoding, file: fileName,
                           reason: "is \(name) text; save it as UTF-8 (or Windows-1252) CSV and import that")
        }
        if start.starts(with: CSVEncoding.byteOrderMark) {
            position = 3
            if encoding == nil { decidedEncoding = .utf8 }
        }
        if let hinted = skipSeparatorHint() {
            if delimiter == nil { self.delimiter = hinted }
        } else if delimiter == nil {
            self.delimiter = CSVDelimiter.sniff(bytes(position..<filled))
        }
        let sample = bytes(position..<filled)
        if decidedEncoding == nil {
            decidedEncoding = CSVEncoding.detectWithoutMark(sample, isWholeFile: reachedEnd)
        }
    }

    /// Excel's `sep=;` first line names the delimiter: it is skipped and its delimiter returned.
    private func skipSeparatorHint() -> CSVDelimiter? {
        let start = bytes(position..<filled)
        guard start.count >= 5, start.starts(with: Array("sep=".utf8)),
              let delimiter = CSVDelimiter(String(decoding: CollectionOfOne(start[4]), as: UTF8.self)) else { return nil }
        let rest = start.dropFirst(5)
        if rest.first == UInt8(ascii: "\r") {
            position += rest.dropFirst().first == UInt8(ascii: "\n") ? 7 : 6
        } else if rest.first == UInt8(ascii: "\n") || rest.isEmpty {
            position += rest.isEmpty ? 5 : 6
        } else {
            return nil
        }
        nextLine = 2
        return delimiter
    }

    deinit {
        source.close()
        buffer.deallocate()
        fields.deallocate()
    }

    /// The file's encoding: the one given, or the one detected. `nil` while every byte read so
    /// far was ASCII (then all candidates read the file alike).
    public var encoding: CSVEncoding? { decidedEncoding }

    /// Moves to the next record.
    ///
    /// - Returns: `false` at the end of the input.
    /// - Throws: `CSVError` for an unterminated quote, a character after a closing quote, a
    ///   record over `maximumRecordSize`, or a read error; the error names the line and column.
    public func advance() throws -> Bool {
        while true {
            switch try scanRecord() {
            case .record:
                return true
            case .endOfInput:
                fields.removeAll()
                return false
            case .needsMoreInput(let openQuote):
                try makeRoom(openQuote: openQuote)
                try fill()
            }
        }
    }

    /// The text of field `index` (0-based) of the current record, decoded from the file's encoding.
    ///
    /// - Throws: `CSVError` (`invalid_encoding`) when the bytes are not valid UTF-8 in a UTF-8 file.
    public func field(_ index: Int) throws -> String {
        precondition(index >= 0 && index < fields.count, "CSVReader.field(\(index)) of a record of \(fields.count) fields")
        return try withFieldBytes(index) { bytes in try decode(bytes, column: index + 1) }
    }

    /// Field `index` without surrounding white space and without the `'` that Kassa's exports put
    /// before a cell a spreadsheet would run as a formula (see `CustomerRowDecoder.cleaned`).
    /// Trims on bytes first, so the common cell costs no second pass.
    func cleanedField(_ index: Int) throws -> String {
        try withFieldBytes(index) { bytes in
            var start = 0, end = bytes.count
            while start < end && TextDecoding.isASCIIWhitespace(bytes[start]) { start += 1 }
            while end > start && TextDecoding.isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let text = try decode(trimmed, column: index + 1)
            // Rare cases (a protected formula, a no-break space at either end) take the general path.
            if let first = trimmed.first, let last = trimmed.last, first == UInt8(ascii: "'") || first >= 0x80 || last >= 0x80 {
                return CustomerRowDecoder.cleaned(text)
            }
            return text
        }
    }

    /// The next record with every field decoded, or `nil` at the end of the input.
    public func next() throws -> CSVRecord? {
        guard try advance() else { return nil }
        let spans = fields
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var values: [String] = []
        values.reserveCapacity(spans.count)
        for index in 0..<spans.count {
            let span = spans[index]
            // The common case, a UTF-8 field without doubled quotes, skips the general path.
            if decidedEncoding == .utf8, !span.hasDoubledQuotes,
               let text = TextDecoding.utf8(UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)) {
                values.append(text)
            } else {
                values.append(try field(index))
            }
        }
        return CSVRecord(line: line, fields: values)
    }

    /// Every remaining record; for small inputs and tests (a large file is better read with `advance()`).
    public func readAll() throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }

    /// Calls `body` with the raw bytes of field `index`, doubled quotes already made single.
    /// The bytes are valid only inside `body`.
    func withFieldBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let span = fields[index]
        let bytes = self.bytes(span.start..<span.end)
        guard span.hasDoubledQuotes else { return try body(bytes) }
        unescaped.removeAll(keepingCapacity: true)
        var skipNext = false
        for byte in bytes {
            if skipNext {
                skipNext = false
                continue
            }
            unescaped.append(byte)
            if byte == UInt8(ascii: "\"") { skipNext = true }
        }
        return try unescaped.withUnsafeBufferPointer(body)
    }

    /// The buffer's bytes in `range`, valid until the buffer is refilled.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + range.lowerBound,
                            count: range.count)
    }

    /// Whether field `index` is empty or only ASCII white space, without decoding it.
    func fieldIsBlank(_ index: Int) -> Bool {
        let span = fields[index]
        return bytes(span.start..<span.end).allSatisfy(TextDecoding.isASCIIWhitespace)
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) throws -> String {
        switch decidedEncoding {
        case .utf8:
            if let text = TextDecoding.utf8(bytes) { return text }
            let position = UTF8Validation.firstInvalidCharacter(in: bytes)
            throw CSVError(.invalidEncoding, file: fileName, line: line, column: column,
                           reason: "character \(position) is not valid UTF-8; if the file is not UTF-8, name its encoding (e.g. windows-1252)")
        case .windows1252:
            return TextDecoding.singleByte(bytes, windows1252: true)
        case .latin1:
            return TextDecoding.singleByte(bytes, windows1252: false)
        case nil:
            if TextDecoding.isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
            // The first non-ASCII field read decides for the whole file; everything before it
            // was ASCII, which both candidates read alike.
            decidedEncoding = UTF8Validation.check(bytes) == .valid ? .utf8 : .windows1252
            return try decode(bytes, column: column)
        }
    }

    /// Reads more bytes after `filled`; sets `reachedEnd` when there are none.
    private func fill() throws {
        guard !reachedEnd else { return }
        while filled < buffer.count {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), fileName: fileName)
            if count == 0 {
                reachedEnd = true
                return
            }
            filled += count
            // A short read (a pipe, a slow disk) is enough to go on with.
            if filled - position >= 64 << 10 { return }
        }
    }

    /// Moves the unconsumed bytes to the front of the buffer, growing it when a record is larger.
    private func makeRoom(openQuote: (line: Int, column: Int)?) throws {
        let pending = filled - position
        if pending >= maximumRecordSize {
            if let openQuote {
                throw CSVError(.unterminatedQuote, file: fileName, line: openQuote.line, column: openQuote.column,
                               reason: "the quoted field that opens here runs on for more than \(maximumRecordSize >> 20) MiB: a closing quote is probably missing")
            }
            throw CSVError(.recordTooLong, file: fileName, line: nextLine,
                           reason: "the row is longer than \(maximumRecordSize >> 20) MiB")
        }
        if position > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + position, byteCount: pending)
            position = 0
            filled = pending
        }
        if filled == buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: filled)
            buffer.deallocate()
            buffer = larger
        }
    }
}
