import ArgumentParser
import KassaApp
import KassaCore

/// `kassa cheques preview [SELECTION] [--json]`
struct ChequesPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show who would get which cheque (one per customer), and pay nothing."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let chosen = try selection.selection()
            let host = shop.hostForFilter(of: chosen)
            let service = try shop.chequeService(filters: host?.registry)
            let preview = try withExtendedLifetime(host) { try service.preview(chosen) }
            if json { return try Output.json(preview) }
            let currency = try shop.requiredCurrency(for: "cheques")
            for entry in preview.entries {
                let award = entry.award
                Output.line([entry.customerNumber, entry.name.isEmpty ? "-" : entry.name, entry.email,
                             "\(entry.points) points", "\(award.cheques) × \(preview.chequeValue) \(currency) = \(award.value) \(currency)",
                             "\(award.leftoverPoints) left"].joined(separator: "  "))
            }
            let count = preview.entries.count
            Output.error("\(count) cheque\(count == 1 ? "" : "s") worth \(preview.totalValue) \(currency) in total, for \(preview.pointsUsed) points. Nothing was paid out.")
            ChequesIssueCommand.reportWithoutEmail(preview.withoutEmail.count)
            ChequesIssueCommand.reportAbroad(preview.otherCountry.count, rule: service.rule)
        }
    }
}
