internal import GRDB
import KassaCore

/// The loyalty schema. Migrations are append-only: never edit a registered one, add a new
/// identifier (`loyalty-v2`, …) instead.
extension SQLiteLoyaltyStore {
    /// Registers the loyalty schema's migrations (identifiers start with `loyalty-`).
    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("loyalty-v1") { db in
            // Customers are referred to by number, not by row id: the records are the shop's
            // books and must outlive a customer removed from the register. Amounts are whole
            // cents; days are `YYYY-MM-DD` text, times seconds since 1970 (UTC).
            //
            // A cheque batch is one run of `kassa cheques issue`: `status` is `pending` from
            // the commit that deducted the points until its voucher file has its name, then
            // `written`. Its cheques copy the name and address they were sent to, so the
            // file can be written again from them and a later mailing has what it needs.
            // `(issued_on, sequence)` is the cheque number (`C20261130-00042`), unique.
            try db.execute(sql: """
                CREATE TABLE loyalty_cheque_batch (
                    id INTEGER PRIMARY KEY,
                    file_name TEXT NOT NULL,
                    directory TEXT NOT NULL,
                    issued_on TEXT NOT NULL,
                    issued_at REAL NOT NULL,
                    status TEXT NOT NULL,
                    cheque_count INTEGER NOT NULL,
                    total_value_cents INTEGER NOT NULL,
                    points_used INTEGER NOT NULL
                );

                CREATE TABLE loyalty_cheque (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    issued_on TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    batch_id INTEGER NOT NULL REFERENCES loyalty_cheque_batch(id),
                    customer_number TEXT NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    cheques INTEGER NOT NULL,
                    points_used INTEGER NOT NULL,
                    leftover_points INTEGER NOT NULL,
                    value_cents INTEGER NOT NULL,
                    UNIQUE (issued_on, sequence)
                );
                CREATE INDEX loyalty_cheque_by_batch ON loyalty_cheque(batch_id);
                CREATE INDEX loyalty_cheque_by_customer ON loyalty_cheque(customer_number);

                -- One row per card order. `card_number` is the number the card has on the
                -- customer's cards (ORD-000042 until the service assigns one); `status` is
                -- `ordered` until the order service took it, then `submitted`, with the
                -- service's batch id, time and where the order went (a JSON array).
                CREATE TABLE loyalty_card_order (
                    id INTEGER PRIMARY KEY,
                    customer_number TEXT NOT NULL,
                    card_number TEXT UNIQUE,
                    template TEXT NOT NULL,
                    cost_cents INTEGER NOT NULL,
                    valid_until TEXT,
                    ordered_on TEXT NOT NULL,
                    dispatch_on TEXT NOT NULL,
                    comment TEXT,
                    status TEXT NOT NULL,
                    receipt TEXT
                );
                CREATE INDEX loyalty_card_order_by_customer ON loyalty_card_order(customer_number);
                """)
        }
    }
}
