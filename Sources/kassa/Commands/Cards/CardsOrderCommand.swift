import ArgumentParser
import Foundation
import KassaApp
import KassaCore

/// `kassa cards order NUMBER [--template T] [--valid-until DATE] [--comment C] [--json]`
struct CardsOrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Order a customer card through the order service; it goes on the customer's cards with its dispatch date and cost.",
        discussion: """
            With several templates and no --template, the template is asked for on a terminal (a script gets an error \
            listing them). Without a configured order service only a request for information can be made.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer number.") var number: String
    @Option(help: "The card template (kassa cards templates lists them).") var template: String?
    @Option(name: .customLong("valid-until"), help: ArgumentHelp("The last day the card may be used.", valueName: "YYYY-MM-DD"))
    var validUntil: CalendarDate?
    @Option(help: "A comment for the order service, e.g. \"ship to the store\".") var comment: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            var request = CardOrderRequest(template: template, comment: comment)
            request.validUntil = validUntil
            let ask: (([String], [CardSettings.Template]) throws -> String)? = isatty(STDIN_FILENO) == 1
                ? { try Self.askForTemplate($0, templates: $1, currency: try shop.requiredCurrency(for: "card orders")) } : nil
            let placed = try shop.orderCard(customerNumber: number, request: request, chooseTemplate: ask)
            let currency = try shop.requiredCurrency(for: "card orders")
            if json { return try Output.json(placed) }
            let order = placed.order
            Output.line("Ordered card \(placed.cardNumber) (\(order.template), \(order.cost) \(currency)) for customer \(order.customerNumber); expected dispatch on \(order.dispatchDate).")
            if let receipt = placed.receipt {
                Output.line("Order batch \(receipt.batchID): \(receipt.locations.joined(separator: ", "))")
            }
        }
    }

    /// Asks on the terminal which template to order: by its number in the list or its name.
    static func askForTemplate(_ choices: [String], templates: [CardSettings.Template], currency: String) throws -> String {
        FileHandle.standardError.write(Data("There are \(choices.count) card templates:\n".utf8))
        for (index, name) in choices.enumerated() {
            let cost = templates.first { $0.name == name }.flatMap { Money(exactly: $0.cost) }.map { "  \($0) \(currency)" } ?? ""
            FileHandle.standardError.write(Data("  \(index + 1)) \(name)\(cost)\n".utf8))
        }
        for _ in 0..<3 {
            FileHandle.standardError.write(Data("Template (1-\(choices.count) or its name): ".utf8))
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces) else { break }
            if let index = Int(answer), choices.indices.contains(index - 1) { return choices[index - 1] }
            if choices.contains(answer) { return answer }
            FileHandle.standardError.write(Data("\"\(answer)\" is not one of the templates.\n".utf8))
        }
        throw CommandFailure("No card template was chosen; give one with --template")
    }
}
