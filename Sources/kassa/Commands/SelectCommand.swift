import ArgumentParser
import KassaApp
import Foundation
import KassaCSV
import KassaCore

/// `kassa select [SELECTION] [--count | --ids | --csv | --json]`
struct SelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Choose customers with built-in criteria and Lua filters; print the list (\"Utskrift\"), a count, numbers, CSV or JSON."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions

    enum Format: String, EnumerableFlag {
        case list, count, ids, csv, json
        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .list: return "A readable list (the default)."
            case .count: return "Only how many."
            case .ids: return "Customer numbers, one per line."
            case .csv: return "CSV, as customers export writes it."
            case .json: return "A JSON array of customers."
            }
        }
    }

    @Flag(help: "The output.") var format: Format = .list

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
                Output.line(String(try store.count(chosen, filters: filters)))
            case .ids:
                let numbers = try store.numbers(chosen, batchSize: 5_000, filters: filters)
                try numbers.forEach { batch in Output.line(batch.joined(separator: "\n")) }
            case .csv:
                try CustomerExport.write(store.select(chosen, filters: filters), to: nil, options: CSVWriter.Options())
            case .json:
                try writeJSON(store.select(chosen, filters: filters))
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

    /// Streams a JSON array, one customer per line, so a million customers never sit in memory.
    /// Keys are the snake_case field names of the Lua API and the CSV export.
    private func writeJSON(_ batches: CustomerBatches) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        let output = FileHandle.standardOutput
        output.write(Data("[".utf8))
        var first = true
        while let batch = try batches.next() {
            var chunk = Data()
            for customer in batch {
                chunk.append(contentsOf: (first ? "\n" : ",\n").utf8)
                chunk.append(try encoder.encode(customer))
                first = false
            }
            output.write(chunk)
        }
        output.write(Data("\n]\n".utf8))
    }
}
