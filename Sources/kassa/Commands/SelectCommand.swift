import ArgumentParser
import Foundation
import KassaApp
import KassaCore
import KassaCSV

/// `kassa select [SELECTION] [--count | --ids | --csv] [--json]`
struct SelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Choose customers with built-in criteria and Lua filters; print the list (\"Utskrift\"), a count, numbers, CSV or JSON."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions

    enum Format: String, EnumerableFlag {
        case list, count, ids, csv
        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .list: return "A readable list (the default)."
            case .count: return "Only how many; with --json {\"count\": N}."
            case .ids: return "Customer numbers, one per line; with --json an array of them (strings, as number is everywhere)."
            case .csv: return "CSV, as customers export writes it."
            }
        }
    }

    @Flag(help: "The output.") var format: Format = .list
    @Flag(help: "Print JSON: an array of customers, or with --count or --ids what they print.") var json = false

    func validate() throws {
        if json, format == .csv { throw ValidationError("--json cannot be combined with --csv: choose one output format") }
    }

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let chosen = try selection.selection()
            let store = try shop.customers()
            // Plugins load only when a Lua filter is asked for: a plain selection starts faster.
            let host = shop.hostForFilter(of: chosen)
            let filters = host?.registry
            switch format {
            case .count:
                let count = try store.count(chosen, filters: filters)
                if json { return try Output.json(["count": count]) }
                Output.line(String(count))
            case .ids:
                let numbers = try store.numbers(chosen, batchSize: 5_000, filters: filters)
                if json { return try Output.jsonArray(numbers) }
                try numbers.forEach { batch in Output.line(batch.joined(separator: "\n")) }
            case .csv:
                try CustomerExport.write(store.select(chosen, filters: filters), to: nil, options: CSVWriter.Options())
            case .list where json:
                try Output.jsonArray(store.select(chosen, filters: filters))
            case .list:
                var count = 0
                try store.select(chosen, filters: filters).forEach { batch in
                    for customer in batch { Output.line(Self.listLine(customer)) }
                    count += batch.count
                }
                Output.error("\(count) customer\(count == 1 ? "" : "s") selected.")
            }
        }
    }

    /// `100001  Åsa Öberg  Göteborg SE  asa@example.se  +46701234567`
    static func listLine(_ customer: Customer) -> String {
        let place = [customer.city, customer.country].compactMap { $0 }.joined(separator: " ")
        return [customer.number, customer.listName, place, customer.email ?? "-", customer.mobile ?? "-"].joined(separator: "  ")
    }
}
