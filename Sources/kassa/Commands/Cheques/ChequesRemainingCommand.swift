import ArgumentParser
import Foundation
import KassaApp
import KassaCore
import KassaCSV

/// `kassa cheques remaining [SELECTION] [--csv | --json]`
struct ChequesRemainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remaining",
        abstract: "List the customers whose points are worth a cheque that was not paid out: the list for the posted letters (\"Kadobon\").",
        discussion: "After an e-mail run these are the customers without an e-mail address and those left out of it. A selection narrows the list."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions

    enum Format: String, EnumerableFlag {
        case list, csv, json
        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .list: return "A readable list (the default)."
            case .csv: return "CSV with the postal address, for a mail merge."
            case .json: return "A JSON array."
            }
        }
    }

    @Flag(help: "The output.") var format: Format = .list

    /// The CSV columns, in order.
    static let columns = ["customer_number", "name", "street", "postal_code", "city", "country", "email", "points",
                          "cheques", "value", "currency", "leftover_points", "reason"]

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let chosen = try selection.selection()
            let host = shop.hostForFilter(of: chosen)
            let service = try shop.chequeService(filters: host?.registry)
            let currency = try shop.requiredCurrency(for: "cheques")
            let batches = try service.remaining(chosen)
            try withExtendedLifetime(host) {
                switch format {
                case .json: try Output.jsonArray(batches)
                case .csv: try writeCSV(batches)
                case .list: try writeList(batches, currency: currency)
                }
            }
        }
    }

    private func writeList(_ batches: BatchCursor<RemainingCheque>, currency: String) throws {
        var count = 0
        var total = 0
        try batches.forEach { batch in
            for cheque in batch {
                let address = [cheque.street, [cheque.postalCode, cheque.city].compactMap { $0 }.joined(separator: " "), cheque.country]
                    .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
                Output.line([cheque.customerNumber, cheque.name.isEmpty ? "-" : cheque.name, address.isEmpty ? "-" : address,
                             "\(cheque.points) points", "\(cheque.award.value) \(currency)",
                             cheque.reason == .noEmail ? "no e-mail" : "not paid"].joined(separator: "  "))
                total += cheque.award.value.minorUnits
            }
            count += batch.count
        }
        Output.error("\(count) customer\(count == 1 ? "" : "s") with cheques worth \(Money(minorUnits: total)) \(currency) left for the post.")
    }

    private func writeCSV(_ batches: BatchCursor<RemainingCheque>) throws {
        let writer = CSVWriter(fileDescriptor: STDOUT_FILENO, name: "<stdout>")
        try writer.write(Self.columns)
        try batches.forEach { batch in
            for cheque in batch {
                try writer.write([cheque.customerNumber, cheque.name, cheque.street ?? "", cheque.postalCode ?? "",
                                  cheque.city ?? "", cheque.country ?? "", cheque.email ?? "", String(cheque.points),
                                  String(cheque.award.cheques), cheque.award.value.description, cheque.currency ?? "",
                                  String(cheque.award.leftoverPoints), cheque.reason.rawValue])
            }
        }
        try writer.finish()
    }
}
