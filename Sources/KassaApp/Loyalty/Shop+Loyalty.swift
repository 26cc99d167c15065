import Foundation
import KassaCards
import KassaConfig
import KassaCore
import KassaHTTP

extension Shop {
    /// Cheques from `[cheques]`, over the register; `filters` runs a selection's Lua filter.
    /// Refuses, naming the keys, until `[cheques]` and `[shop] currency` and `country` are set.
    public func chequeService(filters: (any CustomerFilterProvider)?) throws -> ChequeService {
        let rule = try ChequeRule(configuration.cheques, shop: configuration.shop)
        let customers = try customers()
        return ChequeService(customers: customers, loyalty: try loyalty(of: customers), rule: rule, filters: filters)
    }

    /// Card orders with `[cards]` and its order service; files go to `[outbox] dir`.
    /// Refuses until `[shop] currency` is set: an order has a price.
    public func cardOrderService() throws -> CardOrderService {
        let customers = try customers()
        _ = try requiredCurrency(for: "card orders")
        let provider = CardOrderProviderFactory.make(
            settings: configuration.cards, url: configuration.cardService.url,
            http: HTTPClient.Configuration(configuration.cardService.connection),
            outboxDirectory: configuration.outbox.directory, logger: logger)
        return CardOrderService(customers: customers, loyalty: try loyalty(of: customers), settings: configuration.cards, provider: provider)
    }

    /// The shop's currency code, for amounts shown to people (`15.00 SEK`); never assumed.
    ///
    /// - Parameter purpose: what needs it, for the refusal: "card orders".
    /// - Throws: `ShopError.notConfigured`, naming `[shop] currency`.
    public func requiredCurrency(for purpose: String) throws(ShopError) -> String {
        guard let currency = configuration.shop.currency else {
            throw ShopError(.notConfigured, "The shop's currency is not set, and \(purpose) need one: set [shop] currency (like currency = \"SEK\") in kassa.toml")
        }
        return currency
    }
}
