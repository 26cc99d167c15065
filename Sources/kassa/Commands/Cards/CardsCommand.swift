import ArgumentParser

/// `kassa cards templates|order|retry|list|schedule|attach`
struct CardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cards",
        abstract: "Customer cards: the templates, ordering through the order service, a customer's cards, dispatch dates, loyalty programmes.",
        subcommands: [CardsTemplatesCommand.self, CardsOrderCommand.self, CardsRetryCommand.self, CardsListCommand.self, CardsScheduleCommand.self,
                      CardsAttachCommand.self]
    )
}
