import ArgumentParser
import KassaApp
import KassaCore

/// `kassa cards templates [--json]`
struct CardsTemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the card templates that can be ordered ([[cards.templates]]) and what each costs."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    /// One template as `--json` shows it.
    struct View: Encodable {
        let name: String
        let cost: Money?
        let currency: String
    }

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let settings = shop.configuration.cards
            guard !settings.templates.isEmpty else { throw CardError(.noTemplates, CardOrderPlanner.noTemplatesMessage) }
            let currency = try shop.requiredCurrency(for: "card costs")
            let views = settings.templates.map {
                View(name: $0.name, cost: Money(exactly: $0.cost), currency: currency)
            }
            if json { return try Output.json(views) }
            for view in views {
                Output.line("\(view.name)  \(view.cost.map { "\($0) \(view.currency)" } ?? "cost not a valid amount")")
            }
            if settings.provider == .none {
                Output.error("No card order service is configured ([cards] provider = \"none\"): only a request for information can be made.")
            }
        }
    }
}
