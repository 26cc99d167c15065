import Foundation
import KassaCore

/// Writes CSV that opens cleanly in a spreadsheet: UTF-8, CR LF line ends, quotes only where
/// needed, and no cell that a spreadsheet would run as a formula.
///
/// ```swift
/// let writer = try CSVWriter(path: "export.csv", options: .init(delimiter: .semicolon, includesByteOrderMark: true))
/// try writer.write(["Kundnr", "Förnamn"])
/// try writer.write(["1001", "Åsa"])
/// try writer.finish()
/// ```
/// A writer is not thread-safe. Output is buffered; `finish()` flushes and closes the file.
public final class CSVWriter {
    /// How the output looks.
    public struct Options: Sendable, Hashable {
        /// The field separator. `;` suits spreadsheets in Swedish, Dutch, French and German,
        /// where `,` is the decimal mark.
        public var delimiter: CSVDelimiter
        /// Whether the file starts with the UTF-8 byte order mark, which makes Excel read it as
        /// UTF-8 instead of the local code page.
        public var includesByteOrderMark: Bool
        /// Whether lines end with CR LF (RFC 4180, the default) or LF.
        public var usesCRLF: Bool
        /// Whether cells that a spreadsheet would take for a formula are defused (see `neutralized`).
        public var neutralizesFormulas: Bool
        /// The encoding of the file: UTF-8 (the default), or Windows-1252 or Latin-1 for
        /// programs that read only the local code page. A character the encoding cannot hold
        /// is an error (`invalid_value`, naming the column), never a silent `?`.
        public var encoding: CSVEncoding

        /// Options; the defaults are `,`, no byte order mark, CR LF, formulas neutralised, UTF-8.
        public init(
            delimiter: CSVDelimiter = .comma,
            includesByteOrderMark: Bool = false,
            usesCRLF: Bool = true,
            neutralizesFormulas: Bool = true,
            encoding: CSVEncoding = .utf8
        ) {
            self.delimiter = delimiter
            self.includesByteOrderMark = includesByteOrderMark
            self.usesCRLF = usesCRLF
            self.neutralizesFormulas = neutralizesFormulas
            self.encoding = encoding
        }
    }

    /// How the output looks.
    public let options: Options
    private let fileName: String
    private var descriptor: Int32?
    private var ownsDescriptor = true
    private var pending: [UInt8] = []
    private var written = Data()
    private var finished = false

    /// A writer that creates (or replaces) the file at `path`; a new file is `0600`.
    ///
    /// - Throws: `CSVError` (`unwritable_file`) when the file cannot be created.
    public init(path: String, options: Options = Options()) throws {
        self.options = options
        self.fileName = URL(fileURLWithPath: path).lastPathComponent
        // Customers' data: readable by the owner alone, and never written through a
        // symbolic link planted at the name.
        let descriptor = FileWriting.openPrivate(path, O_CREAT | O_TRUNC)
        guard descriptor >= 0 else {
            throw CSVError(.unwritableFile, file: fileName, reason: "cannot be created: \(FileWriting.reason(errno, at: path))")
        }
        self.descriptor = descriptor
        start()
    }

    /// A writer to an open file descriptor it does not own, such as standard output
    /// (`STDOUT_FILENO`); `finish()` flushes but does not close it.
    public init(fileDescriptor: Int32, name: String, options: Options = Options()) {
        self.options = options
        self.fileName = name
        self.descriptor = fileDescriptor
        self.ownsDescriptor = false
        start()
    }

    /// A writer that collects the output in memory; read it with `data` after `finish()`.
    public init(options: Options = Options()) {
        self.options = options
        self.fileName = "<data>"
        start()
    }

    deinit {
        if let descriptor, ownsDescriptor { _ = Foundation.close(descriptor) }
    }

    /// The output of an in-memory writer so far (complete after `finish()`).
    public var data: Data {
        var data = written
        data.append(contentsOf: pending)
        return data
    }

    /// Writes one row.
    ///
    /// - Throws: `CSVError` (`invalid_value`, with the column's number and the value) when a
    ///   field has a character the file's encoding cannot hold; the row is not written.
    public func write(_ fields: some Sequence<String>) throws {
        precondition(!finished, "CSVWriter.write after finish()")
        let rowStart = pending.count
        var first = true
        for (index, field) in fields.enumerated() {
            if !first { pending.append(options.delimiter.byte) }
            first = false
            let cell = options.neutralizesFormulas ? Self.neutralized(field) : field
            if options.encoding == .utf8 {
                append(cell.utf8)
                continue
            }
            guard let bytes = TextDecoding.singleByteEncoded(cell, windows1252: options.encoding == .windows1252) else {
                pending.removeSubrange(rowStart...)
                let missing = cell.unicodeScalars.filter { TextDecoding.singleByteEncoded(String($0), windows1252: options.encoding == .windows1252) == nil }
                let shown = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                throw CSVError(.invalidValue, file: fileName, column: index + 1, value: field,
                               reason: "\(CSVError.quoted(field)) has \(shown), which \(options.encoding) cannot hold")
            }
            append(bytes)
        }
        if options.usesCRLF { pending.append(UInt8(ascii: "\r")) }
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered and closes the file. Further writes are a programming error.
    public func finish() throws {
        guard !finished else { return }
        try flush()
        finished = true
        if let descriptor {
            self.descriptor = nil
            guard ownsDescriptor else { return }
            guard Foundation.close(descriptor) == 0 else {
                throw CSVError(.unwritableFile, file: fileName, reason: "cannot be written: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The first bytes that make a spreadsheet read a cell as a formula (OWASP's list).
    static let formulaTriggers = SpreadsheetFormula.triggers

    /// `cell`, defused if a spreadsheet would run it as a formula: `SpreadsheetFormula.neutralized`,
    /// which the card-order file of KassaCore uses too.
    public static func neutralized(_ cell: String) -> String {
        SpreadsheetFormula.neutralized(cell)
    }

    private func start() {
        if options.includesByteOrderMark, options.encoding == .utf8 { pending.append(contentsOf: CSVEncoding.byteOrderMark) }
    }

    /// Appends one cell's bytes (in the file's encoding), quoted where needed; the delimiter,
    /// quote and line ends are ASCII in every encoding written.
    private func append(_ cell: some BidirectionalCollection<UInt8>) {
        let delimiter = options.delimiter.byte
        var needsQuotes = false
        for byte in cell where byte == delimiter || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
            needsQuotes = true
            break
        }
        // Leading or trailing spaces survive only inside quotes in some spreadsheets.
        if let first = cell.first, let last = cell.last, first == UInt8(ascii: " ") || last == UInt8(ascii: " ") {
            needsQuotes = true
        }
        guard needsQuotes else {
            pending.append(contentsOf: cell)
            return
        }
        pending.append(UInt8(ascii: "\""))
        for byte in cell {
            if byte == UInt8(ascii: "\"") { pending.append(byte) }
            pending.append(byte)
        }
        pending.append(UInt8(ascii: "\""))
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        guard let descriptor else {
            written.append(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
            return
        }
        let failure = pending.withUnsafeBytes { FileWriting.writeAll($0, to: descriptor) }
        guard failure == 0 else {
            throw CSVError(.unwritableFile, file: fileName, reason: "cannot be written: \(String(cString: strerror(failure)))")
        }
        pending.removeAll(keepingCapacity: true)
    }
}
