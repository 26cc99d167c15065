import Foundation
internal import GRDB
import KassaCore
import Logging

/// Mailings in the SQLite file of the customer register, next to the customers they reach.
///
/// Sharing the file (and GRDB's writer) with `SQLiteCustomerStore` lets a later step record
/// a recipient and a customer change in one transaction.
public final class SQLiteMailingStore: MailingStore {
    let database: any DatabaseWriter
    let logger: Logger

    /// The mailings of the register `customers` opened; the mailing tables are created the
    /// first time.
    public init(customers: SQLiteCustomerStore, logger: Logger = Logger(label: "kassa.mailings")) throws {
        database = customers.database
        self.logger = logger
        if let failure = customers.migrateCompanion(Self.registerMigrations) {
            throw MailingError(.database, "The mailing tables cannot be created: \(failure).")
        }
    }

    public func create(_ draft: MailingDraft, snapshot: MailingSnapshot) throws -> Mailing {
        try access("save the mailing") {
            try database.write { db in
                try Self.checkNameIsFree(draft.name, except: nil, db)
                let now = Date()
                try db.execute(
                    sql: """
                        INSERT INTO mailing (name, name_key, channel, purpose, content, selection, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: try Self.arguments(draft) + [Mailing.Status.draft.rawValue, now.timeIntervalSince1970,
                                                            now.timeIntervalSince1970])
                let id = db.lastInsertedRowID
                try Self.insert(snapshot, into: id, at: now, db)
                return Mailing(id: id, name: draft.name, channel: draft.channel, purpose: draft.purpose,
                               content: draft.content, selection: draft.selection, createdAt: now, updatedAt: now)
            }
        }
    }

    public func mailing(_ reference: String) throws -> Mailing {
        let found = try access("read mailing \"\(reference)\"") {
            try database.read { db -> Mailing? in
                if let id = Int64(reference), let row = try Row.fetchOne(db, sql: "SELECT * FROM mailing WHERE id = ?", arguments: [id]) {
                    return try Self.mailing(row)
                }
                return try Row.fetchOne(db, sql: "SELECT * FROM mailing WHERE name_key = ?", arguments: [Self.nameKey(reference)])
                    .map(Self.mailing)
            }
        }
        guard let found else {
            throw MailingError(.unknownMailing, "There is no mailing \"\(reference)\"; kassa mailing list shows them.")
        }
        return found
    }

    public func mailings() throws -> [Mailing] {
        try access("list the mailings") {
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM mailing ORDER BY id DESC").map(Self.mailing)
            }
        }
    }

    public func update(_ id: Int64, to draft: MailingDraft, snapshot: MailingSnapshot) throws -> Mailing {
        try access("change mailing \(id)") {
            try database.write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM mailing WHERE id = ?", arguments: [id]) else {
                    throw MailingError(.unknownMailing, "There is no mailing \"\(id)\"; kassa mailing list shows them.")
                }
                let current = try Self.mailing(row)
                if let holder: Int32 = row["sender_pid"], kill(holder, 0) == 0 || errno == EPERM {
                    throw MailingError(.notEditable, "Mailing \(current.displayName) is being sent by process \(holder), so it cannot change now; stop it with kassa mailing stop \(id).")
                }
                // A failed row without attempts failed before it reached the transport (it
                // could not be rendered): nothing of it left, so the mailing may still change.
                let left = try Int.fetchOne(
                    db, sql: """
                        SELECT COUNT(*) FROM outbox WHERE mailing_id = ?
                          AND state NOT IN ('pending', 'excluded') AND NOT (state = 'failed' AND attempts = 0)
                        """,
                    arguments: [id]) ?? 0
                guard left == 0 else {
                    throw MailingError(.notEditable, "Mailing \(current.displayName) is \(current.status.rawValue) with messages on their way, so it can no longer change; create a new one from it.")
                }
                try Self.checkNameIsFree(draft.name, except: id, db)
                let now = Date()
                try db.execute(
                    sql: """
                        UPDATE mailing SET name = ?, name_key = ?, channel = ?, purpose = ?, content = ?, selection = ?,
                               status = 'draft', updated_at = ? WHERE id = ?
                        """,
                    arguments: try Self.arguments(draft) + [now.timeIntervalSince1970, id])
                try db.execute(sql: "DELETE FROM outbox WHERE mailing_id = ?", arguments: [id])
                try Self.insert(snapshot, into: id, at: now, db)
                return Mailing(id: id, name: draft.name, channel: draft.channel, purpose: draft.purpose, content: draft.content,
                               selection: draft.selection, status: .draft, createdAt: current.createdAt, updatedAt: now)
            }
        }
    }

    // MARK: - Rows

    private static func arguments(_ draft: MailingDraft) throws -> StatementArguments {
        [draft.name, draft.name.map(nameKey), draft.channel.rawValue, draft.purpose.rawValue,
         try json(draft.content), try json(draft.selection)]
    }

    static func mailing(_ row: Row) throws -> Mailing {
        let id: Int64 = row["id"]
        let channelText: String = row["channel"]
        let purposeText: String = row["purpose"]
        let statusText: String = row["status"]
        guard let channel = Channel(rawValue: channelText),
              let purpose = CustomerSelection.Purpose(rawValue: purposeText),
              let status = Mailing.Status(rawValue: statusText)
        else {
            throw MailingError(.database, "Mailing \(id) is stored with an unknown channel, purpose or status; was it written by a newer Kassa?")
        }
        let decoder = JSONDecoder()
        do {
            return Mailing(
                id: id, name: row["name"], channel: channel, purpose: purpose,
                content: try decoder.decode(MailingContent.self, from: Data((row["content"] as String).utf8)),
                selection: try decoder.decode(CustomerSelection.self, from: Data((row["selection"] as String).utf8)),
                throttle: try (row["throttle"] as String?).map { try decoder.decode(ThrottleSettings.self, from: Data($0.utf8)) },
                status: status,
                createdAt: Date(timeIntervalSince1970: row["created_at"]),
                updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
        } catch {
            throw MailingError(.database, "Mailing \(id) cannot be read back: \(error).")
        }
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Names are unique regardless of case: "Vårkampanj" and "VÅRKAMPANJ" are one mailing.
    static func nameKey(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    private static func checkNameIsFree(_ name: String?, except id: Int64?, _ db: Database) throws {
        guard let name else { return }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MailingError(.invalidContent, "A mailing's name cannot be blank.")
        }
        guard Int64(name) == nil else {
            throw MailingError(.invalidContent, "A mailing's name cannot be a number like \"\(name)\": numbers are how mailings are found.")
        }
        let other = try Int64.fetchOne(db, sql: "SELECT id FROM mailing WHERE name_key = ?", arguments: [nameKey(name)])
        if let other, other != id {
            throw MailingError(.duplicateName, "Mailing \(other) is already called \"\(name)\".")
        }
    }

    func access<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as MailingError {
            throw error
        } catch {
            throw MailingError(.database, "Could not \(what): \(SQLiteCustomerStore.reason(error)).")
        }
    }
}
