import KassaCore

/// The values of one row for a prepared statement, gathered in one reusable byte buffer
/// so that `SQLiteStatementHandle.executeUpsert(binding:)` binds them without a copy.
///
/// The bulk import binds 28 values per customer a million times: as separate Swift
/// strings each bind is a temporary string, then a copy by SQLite (`SQLITE_TRANSIENT`).
/// Here all text of a row goes into one buffer that is reused from row to row, and
/// SQLite reads it in place (`SQLITE_STATIC`) during the statement run.
struct SQLiteRowValues {
    enum Value {
        case null
        case integer(Int64)
        case real(Double)
        /// UTF-8 text at `bytes[start ..< start + count]`.
        case text(start: Int, count: Int)
    }

    /// The text of every text value, one after the other.
    private(set) var bytes: [UInt8] = []
    /// The values in parameter order (parameter 1 first).
    private(set) var values: [Value] = []
    /// Where the text value being written with `beginText`/`appendByte` started.
    private var openTextStart: Int?

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
        values.reserveCapacity(32)
    }

    /// Empties the row for the next one, keeping the memory.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        openTextStart = nil
    }

    mutating func appendNull() {
        values.append(.null)
    }

    mutating func append(_ value: Int) {
        values.append(.integer(Int64(value)))
    }

    mutating func append(_ value: Bool) {
        values.append(.integer(value ? 1 : 0))
    }

    mutating func append(_ value: Double?) {
        values.append(value.map(Value.real) ?? .null)
    }

    mutating func append(_ text: String?) {
        guard let text else { return appendNull() }
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        values.append(.text(start: start, count: bytes.count - start))
    }

    /// Starts a text value whose bytes the caller then appends (`appendByte`,
    /// `appendBytes`); `endText` ends it.
    mutating func beginText() {
        precondition(openTextStart == nil, "a text value is already being written")
        openTextStart = bytes.count
    }

    mutating func appendByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func appendBytes(of text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func endText() {
        guard let start = openTextStart else { preconditionFailure("no text value is being written") }
        values.append(.text(start: start, count: bytes.count - start))
        openTextStart = nil
    }
}
