import Foundation
import KassaCSV
import KassaCards
import KassaConfig
import KassaCore
import KassaHTTP
import KassaSQLite

extension CommandEnvironment {
    /// The cheque and card-order records, in the register's file.
    func openLoyaltyStore(customers: SQLiteCustomerStore) throws -> SQLiteLoyaltyStore {
        try SQLiteLoyaltyStore(customers: customers, logger: logger)
    }

    /// Cheques from `[cheques]`, over the register; `filters` runs a selection's Lua filter.
    /// Refuses, naming the keys, until `[cheques]` and `[shop] currency` and `country` are set.
    func chequeService(filters: (any CustomerFilterProvider)?) throws -> ChequeService {
        let rule = try ChequeRule(configuration.cheques, shop: configuration.shop)
        let customers = try openStore()
        return ChequeService(customers: customers, loyalty: try openLoyaltyStore(customers: customers),
                             rule: rule, filters: filters)
    }

    /// Card orders with `[cards]` and its order service; files go to `[outbox] dir`.
    /// Refuses until `[shop] currency` is set: an order has a price.
    func cardOrderService() throws -> CardOrderService {
        let customers = try openStore()
        _ = try requiredCurrency(for: "card orders")
        let loyalty = try openLoyaltyStore(customers: customers)
        let provider = CardOrderProviderFactory.make(
            settings: configuration.cards, url: configuration.cardService.url,
            http: HTTPClient.Configuration(configuration.cardService.connection),
            outboxDirectory: configuration.outbox.directory, logger: logger)
        return CardOrderService(customers: customers, loyalty: loyalty, settings: configuration.cards, provider: provider)
    }

    /// The shop's currency code, for amounts shown to people (`15.00 SEK`); never assumed.
    /// - Parameter purpose: what needs it, for the refusal: "card orders".
    func requiredCurrency(for purpose: String) throws -> String {
        guard let currency = configuration.shop.currency else {
            throw CommandFailure("The shop's currency is not set, and \(purpose) need one: set [shop] currency (like currency = \"SEK\") in kassa.toml")
        }
        return currency
    }
}
