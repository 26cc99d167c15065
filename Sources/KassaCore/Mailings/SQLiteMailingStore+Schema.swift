import GRDB

/// The mailing schema. Migrations are append-only: never edit a registered one.
extension SQLiteMailingStore {
    /// Registers the mailing schema's migrations (identifiers start with `mailing-`).
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
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
    }
}
