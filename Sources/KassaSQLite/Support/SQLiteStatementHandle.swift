internal import GRDB
#if canImport(GRDBSQLite)
internal import GRDBSQLite
#elseif canImport(SQLite3)
internal import SQLite3
#endif

/// The bulk upsert's statement: GRDB prepares and runs it, and the values of each row are
/// bound here, in place, with the SQLite C API. This is the one file of Kassa that calls it.
///
/// Why not GRDB's arguments: with `StatementArguments` every row builds an array of 28
/// `DatabaseValue`s, the JSON columns and the number key become a `String` each, and SQLite
/// copies every text value (GRDB binds with `SQLITE_TRANSIENT`; its copy-free temporary
/// bindings stop at 20 arguments): some 25 allocations a row, tens of millions in an
/// import of a million customers, that the raw binding does not make. Here a row's values
/// are one reused buffer (`SQLiteRowValues`) that SQLite reads in place (`SQLITE_STATIC`)
/// while the statement runs. Running the statement and its errors go through GRDB, so its
/// bookkeeping (statement cache, transaction state) sees every run.
struct SQLiteStatementHandle {
    private let db: Database
    private let statement: Statement
    /// SQLite reads the bytes in place, until they are bound again (SQLITE_STATIC).
    private static let `static`: sqlite3_destructor_type? = nil

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        // The values are bound below, not by GRDB: marking the (empty) arguments as set
        // lets `execute()` run the statement without checking or clearing the bindings.
        statement.setUncheckedArguments(StatementArguments())
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
        let handle = statement.sqliteStatement
        // GRDB resets a statement when it next runs it, not when a run ends, and SQLite
        // refuses bindings to a statement that has run and was not reset.
        sqlite3_reset(handle)
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
                guard code == SQLITE_OK else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
                }
            }
            sqlite3_set_last_insert_rowid(db.sqliteConnection, 0)
            try statement.execute()
        }
        return db.lastInsertedRowID != 0
    }
}
