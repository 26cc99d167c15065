import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Direct binding and stepping of a statement prepared by GRDB, for the bulk paths that
/// run a statement hundreds of thousands of times inside one GRDB transaction.
///
/// GRDB's `StatementArguments` build an array of values per row; binding straight from
/// Swift strings avoids that and keeps an import of a million customers within the
/// `sqlite3 .import` ballpark. The GRDB `Statement` must outlive the handle.
struct SQLiteStatementHandle {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    /// SQLite copies the bytes before `bind` returns (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    func bind(_ index: Int32, _ text: String?) throws {
        guard var text else { return try check(sqlite3_bind_null(handle, index)) }
        let code = text.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress else {
                return sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
            }
        }
        try check(code)
    }

    func bind(_ index: Int32, _ value: Int) throws {
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    func bind(_ index: Int32, _ value: Bool) throws {
        try check(sqlite3_bind_int64(handle, index, value ? 1 : 0))
    }

    func bind(_ index: Int32, _ value: Double?) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Runs the statement to its end.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Runs the statement and returns the integer in the first column of its first row,
    /// or `nil` when it returns no row (`SELECT id …`, `UPDATE … RETURNING id`).
    func executeReturningInteger() throws -> Int64? {
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        guard code == SQLITE_ROW else {
            guard code == SQLITE_DONE else { throw failure(code) }
            return nil
        }
        let value = sqlite3_column_int64(handle, 0)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw failure(code) }
        return value
    }

    /// The number of rows the last `execute` changed.
    var changes: Int {
        Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
