import Foundation
import KassaCSV
import KassaCore

extension CommandEnvironment {
    /// The cheque and card-order records, in the register's file.
    func openLoyaltyStore(customers: SQLiteCustomerStore) throws -> SQLiteLoyaltyStore {
        try SQLiteLoyaltyStore(customers: customers, logger: logger)
    }

    /// Cheques from `[cheques]`, over the register; `filters` runs a selection's Lua filter.
    func chequeService(filters: (any CustomerFilterProvider)?) throws -> ChequeService {
        let customers = try openStore()
        return ChequeService(customers: customers, loyalty: try openLoyaltyStore(customers: customers),
                             rule: try ChequeRule(configuration.cheques), filters: filters)
    }

    /// Card orders with `[cards]` and its order service; files go to `[outbox] dir`.
    func cardOrderService() throws -> CardOrderService {
        let customers = try openStore()
        return CardOrderService(customers: customers, loyalty: try openLoyaltyStore(customers: customers),
                                settings: configuration.cards, outboxDirectory: configuration.outbox.directory)
    }

    /// The shop's currency code, for amounts shown to people (`15.00 SEK`).
    var currency: String {
        configuration.shop.currency
    }
}
