import ArgumentParser
import KassaApp
import KassaCore

/// `kassa cheques issued [--batch N] [--json]`
struct ChequesIssuedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issued",
        abstract: "List the cheques paid out, with the file each went in: the shop's record, and what a cheque mailing sends."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only the cheques of this batch (its number, shown by kassa cheques issue).") var batch: Int64?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let loyalty = try shop.loyalty(of: try shop.customers())
            let batches = try loyalty.chequeBatches()
            if let batch, !batches.contains(where: { $0.id == batch }) {
                throw CommandFailure("There is no cheque batch \(batch); kassa cheques issued lists them all")
            }
            let cheques = try loyalty.issuedCheques(batch: batch)
            let currency = try shop.requiredCurrency(for: "cheque values")
            if json { return try Output.json(cheques) }
            for cheque in cheques {
                Output.line([cheque.number.description, cheque.customerNumber, cheque.name.isEmpty ? "-" : cheque.name,
                             cheque.email, "\(cheque.value) \(currency)", cheque.fileName].joined(separator: "  "))
            }
            for pending in batches where pending.status == .pending && (batch == nil || batch == pending.id) {
                Output.error("Batch \(pending.id) is paid out but its file \(pending.path) is not written yet; the next kassa cheques issue writes it.")
            }
            Output.error("\(cheques.count) cheque\(cheques.count == 1 ? "" : "s").")
        }
    }
}
