import Foundation
internal import GRDB
import KassaCore

/// The outbox: the journal of every message of every mailing.
extension SQLiteMailingStore {
    static func insert(_ snapshot: MailingSnapshot, into mailing: Int64, at time: Date, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO outbox (mailing_id, customer_number, number_key, address, state, reason, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let now = time.timeIntervalSince1970
        for entry in snapshot.entries {
            try statement.execute(arguments: [mailing, entry.customerNumber, Customer.numberKey(entry.customerNumber), entry.address,
                                              entry.state.rawValue, entry.reason, now])
        }
    }

    public func entries(of mailing: Int64, states: [OutboxState]?, after: String?, limit: Int) throws -> [OutboxEntry] {
        try access("read the outbox of mailing \(mailing)") {
            try database.read { db in
                var sql = "SELECT * FROM outbox WHERE mailing_id = ?"
                var arguments: StatementArguments = [mailing]
                if let states {
                    sql += " AND state IN (SELECT value FROM json_each(?))"
                    arguments += [SQLiteCustomerStore.jsonArray(states.map(\.rawValue))]
                }
                if let after {
                    sql += " AND number_key > ?"
                    arguments += [Customer.numberKey(after)]
                }
                sql += " ORDER BY number_key LIMIT ?"
                arguments += [limit]
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.entry)
            }
        }
    }

    public func sendable(of mailing: Int64, now: Date, after: String?, limit: Int) throws -> [OutboxEntry] {
        try access("read the outbox of mailing \(mailing)") {
            try database.read { db in
                // Pending rows are read on from the sender's cursor along the primary key:
                // an index on the state would cost every journal write an index update
                // (mailing-v3). Due retries come from the small partial index.
                var rows = try Row.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT * FROM outbox WHERE mailing_id = ? AND number_key > ? AND state = 'pending'
                        ORDER BY number_key LIMIT ?
                        """),
                    arguments: [mailing, after.map(Customer.numberKey) ?? "", limit])
                if rows.count < limit {
                    rows += try Row.fetchAll(
                        db.cachedStatement(sql: """
                            SELECT * FROM outbox WHERE mailing_id = ? AND state = 'retry' AND next_attempt_at <= ?
                            ORDER BY number_key LIMIT ?
                            """),
                        arguments: [mailing, now.timeIntervalSince1970, limit - rows.count])
                }
                return rows.map(Self.entry)
            }
        }
    }

    public func counts(of mailing: Int64) throws -> OutboxCounts {
        try access("count the outbox of mailing \(mailing)") {
            try database.read { db in
                var counts = OutboxCounts()
                for row in try Row.fetchAll(
                    db, sql: "SELECT state, reason, COUNT(*) FROM outbox WHERE mailing_id = ? GROUP BY state, reason",
                    arguments: [mailing]) {
                    guard let state = OutboxState(rawValue: row[0]) else { continue }
                    let count: Int = row[2]
                    counts.byState[state, default: 0] += count
                    if state == .excluded { counts.excludedByReason[row[1] ?? "", default: 0] += count }
                }
                return counts
            }
        }
    }

    public func record(_ mailing: Int64, outcome: OutboxOutcome?, thenCommitting committing: String?) throws {
        guard outcome != nil || committing != nil else { return }
        try access("journal mailing \(mailing)") {
            try database.write { db in
                let now = Date().timeIntervalSince1970
                if let outcome {
                    try Self.write(outcome, of: mailing, at: now, db)
                }
                if let committing {
                    try db.cachedStatement(sql: "UPDATE outbox SET state = 'committing', updated_at = ? WHERE mailing_id = ? AND number_key = ?")
                        .execute(arguments: [now, mailing, Customer.numberKey(committing)])
                }
            }
        }
    }

    public func record(_ mailing: Int64, outcomes: [OutboxOutcome]) throws {
        guard !outcomes.isEmpty else { return }
        try access("journal mailing \(mailing)") {
            try database.write { db in
                let now = Date().timeIntervalSince1970
                for outcome in outcomes {
                    try Self.write(outcome, of: mailing, at: now, db)
                }
            }
        }
    }

    private static func write(_ outcome: OutboxOutcome, of mailing: Int64, at now: Double, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE outbox SET state = ?, reason = ?, reference = ?, next_attempt_at = ?, attempts = attempts + ?, updated_at = ?
            WHERE mailing_id = ? AND number_key = ?
            """).execute(arguments: [
                outcome.state.rawValue, outcome.reason, outcome.reference, outcome.nextAttemptAt?.timeIntervalSince1970,
                outcome.countsAttempt ? 1 : 0, now, mailing, Customer.numberKey(outcome.customer)])
    }

    public func beginSending(_ mailing: Int64, pid: Int32, resendUnknown: Bool, retryFailed: Bool,
                             throttle: ThrottleSettings?) throws -> SendingStart {
        try access("start sending mailing \(mailing)") {
            try database.write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM mailing WHERE id = ?", arguments: [mailing]) else {
                    throw MailingError(.unknownMailing, "There is no mailing \"\(mailing)\"; kassa mailing list shows them.")
                }
                if let holder: Int32 = row["sender_pid"], holder != pid, kill(holder, 0) == 0 || errno == EPERM {
                    throw MailingError(.busy, "Mailing \(mailing) is being sent by process \(holder); stop it with kassa mailing stop \(mailing).")
                }
                let now = Date().timeIntervalSince1970
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'unknown', updated_at = ?,
                            reason = 'the sender stopped after handing the message over and before the answer came'
                        WHERE mailing_id = ? AND state = 'committing'
                        """,
                    arguments: [now, mailing])
                let newlyUnknown = db.changesCount
                var requeued = 0
                if resendUnknown {
                    try db.execute(
                        sql: "UPDATE outbox SET state = 'pending', reason = NULL, updated_at = ? WHERE mailing_id = ? AND state = 'unknown'",
                        arguments: [now, mailing])
                    requeued = db.changesCount
                }
                var retried = 0
                if retryFailed {
                    // Attempts start again: the shop fixed the cause, and a message given up
                    // after its attempts deserves them all once more.
                    try db.execute(
                        sql: """
                            UPDATE outbox SET state = 'pending', reason = NULL, next_attempt_at = NULL, attempts = 0, updated_at = ?
                            WHERE mailing_id = ? AND state = 'failed'
                            """,
                        arguments: [now, mailing])
                    retried = db.changesCount
                }
                try db.execute(
                    sql: "UPDATE mailing SET status = 'sending', sender_pid = ?, stop_requested = 0, throttle = COALESCE(?, throttle), updated_at = ? WHERE id = ?",
                    arguments: [pid, try throttle.map(Self.json), now, mailing])
                return SendingStart(newlyUnknown: newlyUnknown, requeued: requeued, retried: retried)
            }
        }
    }

    public func endSending(_ mailing: Int64, status: Mailing.Status) throws {
        try access("end sending mailing \(mailing)") {
            try database.write { db in
                try db.execute(
                    sql: "UPDATE mailing SET status = ?, sender_pid = NULL, updated_at = ? WHERE id = ?",
                    arguments: [status.rawValue, Date().timeIntervalSince1970, mailing])
            }
        }
    }

    public func requestStop(_ mailing: Int64) throws {
        try access("stop mailing \(mailing)") {
            try database.write { db in
                try db.execute(sql: "UPDATE mailing SET stop_requested = 1 WHERE id = ?", arguments: [mailing])
            }
        }
    }

    public func isStopRequested(_ mailing: Int64) throws -> Bool {
        try access("read mailing \(mailing)") {
            try database.read { db in
                try Bool.fetchOne(db.cachedStatement(sql: "SELECT stop_requested FROM mailing WHERE id = ?"), arguments: [mailing]) ?? false
            }
        }
    }

    /// The process sending `mailing`, if any.
    public func senderProcess(_ mailing: Int64) throws -> Int32? {
        try access("read mailing \(mailing)") {
            try database.read { db in
                try Int32.fetchOne(db, sql: "SELECT sender_pid FROM mailing WHERE id = ?", arguments: [mailing])
            }
        }
    }

    private static func entry(_ row: Row) -> OutboxEntry {
        OutboxEntry(
            customerNumber: row["customer_number"], address: row["address"],
            state: OutboxState(rawValue: row["state"]) ?? .unknown, attempts: row["attempts"],
            nextAttemptAt: (row["next_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            reason: row["reason"], reference: row["reference"])
    }
}
