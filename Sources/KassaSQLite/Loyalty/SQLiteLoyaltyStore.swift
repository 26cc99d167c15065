import Foundation
internal import GRDB
import KassaCore
import Logging

/// Cheques, their batches and card orders in the SQLite file of the customer register.
///
/// Sharing the file (and GRDB's writer) with `SQLiteCustomerStore` is what makes a pay-out
/// one transaction: the points deducted from the customers and the cheques recorded commit
/// together or not at all, and so do a card order and the card on the customer.
public final class SQLiteLoyaltyStore: LoyaltyStore {
    let database: any DatabaseWriter
    let logger: Logger

    /// The loyalty records of the register `customers` opened; the tables are created the
    /// first time.
    ///
    /// - Throws: `ChequeError` `database` when the tables cannot be created.
    public init(customers: SQLiteCustomerStore, logger: Logger = Logger(label: "kassa.loyalty")) throws {
        database = customers.database
        self.logger = logger
        if let failure = customers.migrateCompanion(Self.registerMigrations) {
            throw ChequeError(.database, "The loyalty tables cannot be created: \(failure)")
        }
    }

    /// Runs `body`, turning database failures into a `ChequeError` that says what failed.
    func chequeAccess<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ChequeError {
            throw error
        } catch let error as DatabaseError {
            throw ChequeError(.database, "Could not \(what): \(SQLiteCustomerStore.reason(error))")
        } catch let error as StoreError {
            throw ChequeError(.database, "Could not \(what): \(error.message)")
        }
    }

    /// Runs `body`, turning database failures into a `CardError` that says what failed.
    func cardAccess<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CardError {
            throw error
        } catch let error as DatabaseError {
            throw CardError(.database, "Could not \(what): \(SQLiteCustomerStore.reason(error))")
        } catch let error as StoreError {
            throw CardError(.database, "Could not \(what): \(error.message)")
        }
    }
}
