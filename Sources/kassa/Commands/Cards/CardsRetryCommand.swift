import ArgumentParser
import KassaApp
import KassaCore

/// `kassa cards retry NUMBER CARD [--json]`
struct CardsRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send a card order whose outcome is unknown to the order service again, with the same Idempotency-Key.",
        discussion: """
            An order goes unknown when it reached the order service and no answer came back; kassa cards list shows it. \
            The service recognises the batch by its key, so asking again cannot order the card twice; a 409 answer says \
            it has the order already, and the order counts as submitted.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer number.") var number: String
    @Argument(help: "The card number of the order (kassa cards list shows them).") var card: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let placed = try shop.cardOrderService().retry(customerNumber: number, cardNumber: card)
            if json { return try Output.json(placed) }
            let batch = placed.receipt.map { " in batch \($0.batchID)" } ?? ""
            Output.line("The order service took card order \(placed.cardNumber) of customer \(placed.order.customerNumber)\(batch).")
        }
    }
}
