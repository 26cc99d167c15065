import Foundation
internal import GRDB
import KassaCore
import Logging

/// The embedded customer register: one SQLite file, through GRDB.
///
/// The file is in WAL mode, so readers in other processes (the web back-office, a
/// mailing preview, another `kassa` command) never wait for a writer (an import, a send
/// recording its results), and the writer never waits for them. Within one process the
/// store's work goes through one GRDB `DatabaseQueue`. The file is created, and its
/// schema migrated, when the store is opened; opening a file whose schema is current
/// writes nothing to it. `inMemory()` gives a private database in memory, for tests.
///
/// The mailing and loyalty stores of this module keep their tables in the same file, on
/// the same GRDB writer (`database`), migrated by `migrateCompanion`; their migration
/// identifiers must not start with `customer-`.
public final class SQLiteCustomerStore: CustomerStore {
    /// How hard a commit works to survive a power failure.
    public enum Durability: String, Sendable, Hashable, CaseIterable {
        /// `synchronous=NORMAL`: a commit survives a crash of Kassa; a power failure or an
        /// operating-system crash may lose the last commits, never the file's integrity.
        /// Commits cost no disk flush, which is what a sender recording each message needs.
        case normal
        /// `synchronous=FULL`: every commit is flushed to disk before it returns.
        case full
    }

    /// The GRDB database the store works on.
    let database: any DatabaseWriter
    /// Where the database lives, or `nil` in memory.
    public let path: String?
    let logger: Logger

    /// Opens (and creates, the first time) the register in the SQLite file at `path`.
    ///
    /// The folder must exist. Throws `StoreError` with code `database` when the file
    /// cannot be opened or migrated.
    public convenience init(
        path: String, durability: Durability = .normal, logger: Logger = Logger(label: "kassa.store")
    ) throws {
        let database: DatabaseQueue
        do {
            // Not a `DatabasePool`: when it finds no WAL file, which is every time the file
            // was closed by its last user, a pool creates and drops a table to make one, so
            // every command, a `select --count` too, rewrote the file's header and needed
            // the write lock. WAL is set up by `useWAL` instead.
            database = try DatabaseQueue(path: path, configuration: Self.configuration(durability: durability))
            try Self.useWAL(database)
        } catch {
            throw StoreError(.database, "The customer database \"\(path)\" cannot be opened: \(Self.reason(error)).")
        }
        try self.init(database: database, path: path, logger: logger)
    }

    /// A register held in memory only, empty, gone when the store is released.
    public static func inMemory(logger: Logger = Logger(label: "kassa.store")) throws -> SQLiteCustomerStore {
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue(configuration: configuration(durability: .normal))
        } catch {
            throw StoreError(.database, "An in-memory customer database cannot be created: \(reason(error)).")
        }
        return try SQLiteCustomerStore(database: database, path: nil, logger: logger)
    }

    private init(database: any DatabaseWriter, path: String?, logger: Logger) throws {
        self.database = database
        self.path = path
        self.logger = logger
        var migrator = DatabaseMigrator()
        Self.registerMigrations(in: &migrator)
        do {
            try migrator.migrate(database)
        } catch {
            let name = path.map { "\"\($0)\"" } ?? "in memory"
            throw StoreError(.database, "The customer database \(name) cannot be migrated: \(Self.reason(error)).")
        }
        logger.debug("Opened the customer database", metadata: ["path": "\(path ?? ":memory:")"])
    }

    /// Creates or updates the tables of a store that shares this file (mailings, loyalty),
    /// whose migrations `register` adds; returns why it failed, or `nil`.
    func migrateCompanion(_ register: (inout DatabaseMigrator) -> Void) -> String? {
        var migrator = DatabaseMigrator()
        register(&migrator)
        do {
            try migrator.migrate(database)
            return nil
        } catch {
            return Self.reason(error)
        }
    }

    /// Puts the file in WAL mode. The mode is kept in the file, so the pragma writes only
    /// the first time (or when an import's switch to a rollback journal could not be
    /// undone); on a file in WAL mode it writes nothing.
    private static func useWAL(_ database: DatabaseQueue) throws {
        try database.writeWithoutTransaction { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw StoreError(.database, "it stays in \(mode ?? "an unknown") journal mode instead of WAL")
            }
        }
    }

    /// How long a connection waits for another one's lock.
    static let busyTimeoutMilliseconds = 10_000

    private static func configuration(durability: Durability) -> Configuration {
        var configuration = Configuration()
        configuration.label = "kassa.customers"
        configuration.foreignKeysEnabled = true
        // Several `kassa` processes may share the file (a cron import while the back-office
        // serves): wait for a lock rather than fail at once.
        configuration.busyMode = .timeout(Double(busyTimeoutMilliseconds) / 1000)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
            // SQLite keeps a statement journal per write statement; in a temporary file
            // that made an import 2.5 times slower (measured), in memory it costs little.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return configuration
    }

    // MARK: - Reading

    public func customer(number: String) throws -> Customer? {
        try access("read customer \"\(number)\"") {
            try database.read { db in
                guard let id = try Self.id(ofNumber: number, db) else { return nil }
                return try Self.customers(ids: [id], db).first
            }
        }
    }

    public func customers(numbers: [String]) throws -> [Customer] {
        guard !numbers.isEmpty else { return [] }
        return try access("read \(numbers.count) customers") {
            try database.read { db in try Self.customers(numberKeys: numbers.map(Customer.numberKey), db) }
        }
    }

    public func count() throws -> Int {
        try access("count the customers") {
            try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer") ?? 0 }
        }
    }

    // MARK: - Helpers

    /// Runs `body`, turning database errors into a `StoreError` that says what failed.
    func access<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as SelectionError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(.database, "Could not \(what): \(Self.reason(error)).")
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }

    /// The stored customers with these number keys, in customer-number order.
    static func customers(numberKeys: [String], _ db: Database) throws -> [Customer] {
        let ids = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM customer WHERE number_key IN (SELECT value FROM json_each(?))"),
            arguments: [jsonArray(numberKeys)])
        return try customers(ids: ids, db)
    }

    static func id(ofNumber number: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM customer WHERE number_key = ?"),
            arguments: [Customer.numberKey(number)])
    }
}
