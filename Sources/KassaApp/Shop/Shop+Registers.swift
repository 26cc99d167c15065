import Foundation
import KassaCore
import KassaSQLite

extension Shop {
    /// The customer register, which must exist: a use case that reads or changes it never
    /// makes an empty one (that would answer 0 and hide a wrong folder or `--db`).
    ///
    /// - Throws: `ShopError.noRegister`, saying how to make one.
    public func customers() throws -> SQLiteCustomerStore {
        guard FileManager.default.fileExists(atPath: location.databasePath) else {
            throw ShopError(.noRegister, "No register at \(location.shownDatabasePath). Create one with `kassa customers import FILE` or `kassa demo seed --customers N` (or point --db / KASSA_DB at one).")
        }
        return try SQLiteCustomerStore(path: location.databasePath, logger: logger)
    }

    /// The customer register, made when it does not exist yet: only for the use cases that
    /// fill one (an import, the demo register).
    public func customersCreatingRegister() throws -> SQLiteCustomerStore {
        try SQLiteCustomerStore(path: location.databasePath, logger: logger)
    }

    /// The saved mailings and their outbox, in the register's file.
    public func mailings() throws -> SQLiteMailingStore {
        try SQLiteMailingStore(customers: customers(), logger: logger)
    }

    /// The cheque and card-order records of `customers`' register.
    public func loyalty(of customers: SQLiteCustomerStore) throws -> SQLiteLoyaltyStore {
        try SQLiteLoyaltyStore(customers: customers, logger: logger)
    }
}
