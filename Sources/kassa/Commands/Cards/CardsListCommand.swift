import ArgumentParser
import KassaApp
import KassaCore

/// `kassa cards list NUMBER [--json]`
struct CardsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a customer's cards: template, status, order and dispatch days, cost, validity and programmes."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer number.") var number: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let service = try shop.cardOrderService()
            let currency = try shop.requiredCurrency(for: "card orders")
            let cards = try service.cards(of: number)
            let orders = try service.loyalty.cardOrders(customerNumber: number)
            let views = cards.map { card in CardView(card, order: orders.first { $0.cardNumber == card.number }) }
            if json { return try Output.json(views) }
            for view in views {
                for line in view.lines(currency: currency) { Output.line(line) }
            }
            if views.isEmpty { Output.error("Customer \"\(number)\" has no cards; kassa cards order \(number) orders one.") }
        }
    }
}
