internal import GRDB
#if canImport(GRDBSQLite)
internal import GRDBSQLite
#elseif canImport(SQLite3)
internal import SQLite3
#endif

/// Direct binding and stepping of a statement prepared by GRDB, for the bulk path that
/// runs one statement a million times inside one GRDB transaction.
///
/// GRDB's `StatementArguments` build an array of values per row; binding a row's values
/// in place from one reused buffer (`SQLiteRowValues`) avoids that and a copy per value.
/// The GRDB `Statement` must outlive the handle.
struct SQLiteStatementHandle {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    /// SQLite reads the bytes in place, until they are bound again (SQLITE_STATIC).
    private static let `static`: sqlite3_destructor_type? = nil

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `row` (its values to parameters 1, 2, …) and runs an `INSERT … ON CONFLICT
    /// DO UPDATE` statement: `true` when it inserted a row, `false` when it updated one.
    ///
    /// The text values are bound in place (`SQLITE_STATIC`): SQLite reads them while the
    /// buffer is pinned here. The statement keeps pointing at the buffer afterwards, so
    /// every run must bind all its parameters again, which this method does.
    ///
    /// An update by the upsert leaves `sqlite3_last_insert_rowid` as it was, and a rowid
    /// is never 0, so clearing it first tells the two apart without a `RETURNING` row.
    func executeUpsert(binding row: SQLiteRowValues) throws -> Bool {
        let connection = sqlite3_db_handle(handle)
        try row.bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            for (offset, value) in row.values.enumerated() {
                let index = Int32(offset + 1)
                let code: Int32 = switch value {
                case .null: sqlite3_bind_null(handle, index)
                case .integer(let integer): sqlite3_bind_int64(handle, index, integer)
                case .real(let real): sqlite3_bind_double(handle, index, real)
                case .text(let start, let count):
                    sqlite3_bind_text(
                        handle, index, (base + start).assumingMemoryBound(to: CChar.self), Int32(count), Self.static)
                }
                try check(code)
            }
            sqlite3_set_last_insert_rowid(connection, 0)
            try execute()
        }
        return sqlite3_last_insert_rowid(connection) != 0
    }

    /// Runs the statement to its end.
    private func execute() throws {
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
