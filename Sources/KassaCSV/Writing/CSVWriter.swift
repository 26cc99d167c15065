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

        /// Options; the defaults are `,`, no byte order mark, CR LF, formulas neutralised.
        public init(
            delimiter: CSVDelimiter = .comma,
            includesByteOrderMark: Bool = false,
            usesCRLF: Bool = true,
            neutralizesFormulas: Bool = true
        ) {
            self.delimiter = delimiter
            self.includesByteOrderMark = includesByteOrderMark
            self.usesCRLF = usesCRLF
            self.neutralizesFormulas = neutralizesFormulas
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

    /// A writer that creates (or replaces) the file at `path`.
    ///
    /// - Throws: `CSVError` (`unwritable_file`) when the file cannot be created.
    public init(path: String, options: Options = Options()) throws {
        self.options = options
        self.fileName = URL(fileURLWithPath: path).lastPathComponent
        let descriptor = path.withCString { Foundation.open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard descriptor >= 0 else {
            throw CSVError(.unwritableFile, file: fileName, reason: "cannot be created: \(String(cString: strerror(errno)))")
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
    public func write(_ fields: some Sequence<String>) throws {
        precondition(!finished, "CSVWriter.write after finish()")
        var first = true
        for field in fields {
            if !first { pending.append(options.delimiter.byte) }
            first = false
            append(field)
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
    static let formulaTriggers: Set<UInt8> = Set("=+-@\t\r".utf8)

    /// `cell`, defused if a spreadsheet would run it as a formula.
    ///
    /// A cell whose first character other than spaces is `=`, `+`, `-`, `@`, tab or CR gets a
    /// leading `'`, which spreadsheets show as text, as OWASP's CSV injection advice says.
    /// One exception: a plain number (`-12`, `+46701234567`, `-1.5`: an optional sign, digits,
    /// at most one `.` or `,` between digits) is left alone. Such a cell cannot call a function
    /// or reach another cell, and prefixing it would mangle every negative point balance and
    /// every E.164 mobile number in an export. Kassa's importer drops the `'` again.
    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.utf8.first(where: { $0 != UInt8(ascii: " ") }), formulaTriggers.contains(first) else {
            return cell
        }
        return isPlainNumber(cell) ? cell : "'" + cell
    }

    private static func isPlainNumber(_ cell: String) -> Bool {
        var bytes = cell.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digitsBefore = 0, digitsAfter = 0, separators = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if separators == 0 { digitsBefore += 1 } else { digitsAfter += 1 }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                separators += 1
                if separators > 1 || digitsBefore == 0 { return false }
            default:
                return false
            }
        }
        return digitsBefore > 0 && (separators == 0 || digitsAfter > 0)
    }

    private func start() {
        if options.includesByteOrderMark { pending.append(contentsOf: CSVEncoding.byteOrderMark) }
    }

    private func append(_ field: String) {
        let cell = options.neutralizesFormulas ? Self.neutralized(field) : field
        let delimiter = options.delimiter.byte
        var needsQuotes = false
        for byte in cell.utf8 where byte == delimiter || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
            needsQuotes = true
            break
        }
        // Leading or trailing spaces survive only inside quotes in some spreadsheets.
        if let first = cell.utf8.first, let last = cell.utf8.last, first == UInt8(ascii: " ") || last == UInt8(ascii: " ") {
            needsQuotes = true
        }
        guard needsQuotes else {
            pending.append(contentsOf: cell.utf8)
            return
        }
        pending.append(UInt8(ascii: "\""))
        for byte in cell.utf8 {
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
