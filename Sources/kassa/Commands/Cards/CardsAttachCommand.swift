import ArgumentParser
import KassaApp
import KassaCore

/// `kassa cards attach NUMBER CARD --kind K --name N [--percent P | --amount A | --article X] [--details D] [--json]`
struct CardsAttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Attach a loyalty programme to a customer's card: a bonus article, a discount or a voucher.",
        discussion: "bonus_article needs --article; discount needs --percent (1-100) or --amount; voucher needs --amount."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer number.") var number: String
    @Argument(help: "The card number (kassa cards list shows them).") var card: String
    @Option(help: "bonus_article, discount or voucher.") var kind: LoyaltyProgramme.Kind
    @Option(help: "The programme's name.") var name: String
    @Option(help: "A discount in whole percents.") var percent: Int?
    @Option(help: "An amount: the voucher's value or a fixed discount, e.g. 10.00.") var amount: Money?
    @Option(help: "The bonus article's number.") var article: String?
    @Option(help: "A description: conditions, period.") var details: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let programme = try LoyaltyProgramme(kind: kind, name: name, details: details, article: article, percent: percent,
                                                 amount: amount)
            let service = try shop.cardOrderService()
            let currency = try shop.requiredCurrency(for: "card orders")
            let attached = try service.loyalty.attachProgramme(programme, toCard: card, of: number)
            if json { return try Output.json(CardView(attached)) }
            Output.line("Attached \(CardView.describe(programme, currency: currency)) to card \(card) of customer \(number).")
        }
    }
}
