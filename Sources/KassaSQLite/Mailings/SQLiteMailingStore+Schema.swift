internal import GRDB
import KassaCore

/// The mailing schema. Migrations are append-only: never edit a registered one.
extension SQLiteMailingStore {
    /// Registers the mailing schema's migrations (identifiers start with `mailing-`).
    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("mailing-v1") { db in
            // `content` is MailingContent and `selection` CustomerSelection, as JSON: both are
            // read whole and never queried by part. `name_key` is the lower-cased name, NULL
            // when unnamed, unique so two saved mailings never share a name.
            try db.execute(sql: """
                CREATE TABLE mailing (
                    id INTEGER PRIMARY KEY,
                    name TEXT,
                    name_key TEXT UNIQUE,
                    channel TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    content TEXT NOT NULL,
                    selection TEXT NOT NULL,
                    status TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                )
                """)
        }
        registerOutbox(in: &migrator)
        registerLeanJournal(in: &migrator)
    }
}

extension SQLiteMailingStore {
    /// The outbox (`mailing-v2`): one row per customer the mailing's selection chose, the
    /// journal of what became of each message.
    static func registerOutbox(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("mailing-v2") { db in
            // The primary key is the anti-spam rule of 000: one message per customer per
            // mailing, ever. Rows are never deleted once sending has begun; customers are
            // referenced by number, not by a foreign key, so deleting a customer cannot erase
            // the record of what was sent to them.
            //
            // `state`: excluded (with `reason`), pending, committing (the message may have
            // left: the transport passed its commit point), sent, failed (permanent, with
            // `reason`), retry (with `next_attempt_at`), unknown (committing when a sender
            // died). See OutboxState.
            try db.execute(sql: """
                CREATE TABLE outbox (
                    mailing_id INTEGER NOT NULL REFERENCES mailing(id) ON DELETE CASCADE,
                    customer_number TEXT NOT NULL,
                    number_key TEXT NOT NULL,
                    address TEXT,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL,
                    reason TEXT,
                    reference TEXT,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (mailing_id, number_key)
                ) WITHOUT ROWID;
                CREATE INDEX outbox_by_state ON outbox (mailing_id, state, number_key);
                ALTER TABLE mailing ADD COLUMN throttle TEXT;
                ALTER TABLE mailing ADD COLUMN stop_requested INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE mailing ADD COLUMN sender_pid INTEGER;
                """)
        }
    }
}

extension SQLiteMailingStore {
    /// `mailing-v3`: journal writes touch only the outbox row. The index on the state made
    /// every step of every message (pending → committing → sent) move an index entry, about
    /// half the cost of each journal write; pending rows are now read along the primary key
    /// from the sender's cursor, and only rows waiting for a retry, which are few, are indexed.
    /// Counts and the recovery of `committing` rows read the mailing's rows once per run.
    static func registerLeanJournal(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("mailing-v3") { db in
            try db.execute(sql: """
                DROP INDEX outbox_by_state;
                CREATE INDEX outbox_retry_due ON outbox (mailing_id, next_attempt_at) WHERE state = 'retry';
                """)
        }
    }
}
