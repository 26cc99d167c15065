internal import GRDB
import KassaCore

/// The customer schema. Migrations are append-only: never edit a registered one, add a
/// new identifier (`customer-v2`, …) instead.
extension SQLiteCustomerStore {
    /// Registers the customer schema's migrations, for an application that runs one
    /// migrator over the whole database file.
    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("customer-v1") { db in
            // One column per field of `Customer.Field`, under its snake_case name; `*_key`
            // columns are derived search keys (see Customer+SearchKeys); `version` counts
            // how often the row was written.
            //
            // The list-valued parts of a customer are JSON text in the customer's own row
            // (NULL when empty; written by StoredJSON): `contact_emails` an array of
            // strings, `vehicles` an array of [type, brand, brand_key, model, plate] arrays,
            // `cards` an array of {number, template, valid_until, status}, `attributes` an
            // object. One row per customer: with child tables (one row per vehicle, card,
            // address and attribute) a 1M-customer import wrote about 130k customers/s,
            // one row each doubles that (see SQLiteCustomerWriter). Vehicle criteria read
            // the array with JSON1's `json_each` after an `instr` prefilter: a full scan,
            // as below, of 0.1-0.3 s per million customers (measured, by how many match).
            //
            // No index serves the selection criteria, on purpose. Measured on 1M demo
            // customers (2 cores): every criterion answers by a full scan in 0.08-0.14 s,
            // as the sqlite3 CLI does, while the ten criterion indexes (family, type,
            // category, turnover group, postal code, city, country, last visit, points,
            // newsletter) plus one on vehicle brands cut a 1M-customer import from about
            // 100k to 43k rows/s. Add indexes in a later migration if a use needs
            // millisecond answers; each costs about 1 s per million customers imported.
            try db.execute(sql: """
                CREATE TABLE customer (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL,
                    number_key TEXT NOT NULL UNIQUE,
                    first_name TEXT,
                    last_name TEXT,
                    company TEXT,
                    is_company INTEGER NOT NULL DEFAULT 0,
                    email TEXT,
                    billing_email TEXT,
                    contact_emails TEXT,
                    mobile TEXT,
                    street TEXT,
                    postal_code TEXT,
                    postal_key TEXT,
                    city TEXT,
                    city_key TEXT,
                    country TEXT,
                    family TEXT,
                    type TEXT,
                    category TEXT,
                    points INTEGER NOT NULL DEFAULT 0,
                    turnover_group TEXT,
                    newsletter INTEGER NOT NULL DEFAULT 0,
                    newsletter_at REAL,
                    receives_status_mails INTEGER NOT NULL DEFAULT 0,
                    last_visit TEXT,
                    vehicles TEXT,
                    cards TEXT,
                    attributes TEXT,
                    version INTEGER NOT NULL DEFAULT 1
                );

                -- The persistent manual selection ("selected customers", 003): it outlives
                -- restarts and re-imports of the customer, until reset.
                CREATE TABLE customer_mark (
                    customer_id INTEGER PRIMARY KEY REFERENCES customer(id) ON DELETE CASCADE,
                    marked_at REAL NOT NULL
                );
                """)
        }
    }
}
