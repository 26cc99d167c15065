import ArgumentParser
import Foundation
import KassaCSV
import KassaCore

/// `kassa customers import FILE [--delimiter C] [--encoding E] [--map COLUMN=field]...`
struct CustomersImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers from a CSV file: all rows or none.",
        discussion: """
            The separator (; , or tab) and the encoding (UTF-8 with or without BOM, Windows-1252) are \
            detected; headers are recognised in Swedish, Dutch, French, German and English. Customers are \
            matched by number: new ones are added, known ones updated. One bad row rejects the whole file, \
            and every bad row is listed with its line.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The CSV file.") var file: String
    @Option(help: "The separator: ';', ',', 'tab' (default: detected).") var delimiter: String?
    @Option(help: "utf-8 or windows-1252 (default: detected).") var encoding: String?
    @Option(help: "Map a column to a field, COLUMN=field (repeatable), e.g. Kundnr=number.") var map: [String] = []
    @Flag(help: "Print the report as JSON.") var json = false

    /// How many bad rows are listed before the import gives up looking.
    static let maximumReportedRows = 100

    struct Report: Encodable {
        var file: String
        var inserted = 0
        var updated = 0
        var rejected = 0
        var errors: [String] = []
    }

    func run() throws {
        try reportingFailures {
            let environment = try CommandEnvironment(global)
            let delimiterChoice = try delimiter.map { text -> CSVDelimiter in
                guard let value = CSVDelimiter(text) else { throw CommandFailure("Delimiter \"\(text)\" is not one of ';', ',', 'tab'") }
                return value
            }
            let encodingChoice = try encoding.map { text -> CSVEncoding in
                guard let value = CSVEncoding(name: text) else { throw CommandFailure("Encoding \"\(text)\" is not utf-8 or windows-1252") }
                return value
            }
            let mappings = try map.map { try CustomerColumnMapping(parsing: $0) }
            let reader = try CustomerCSVReader(path: file, delimiter: delimiterChoice, encoding: encodingChoice, mappings: mappings,
                                               defaultCountry: environment.configuration.shop.country)
            let store = try environment.openStore()
            var report = Report(file: file)
            let progress = Progress("Importing \(file)", quiet: json)
            do {
                let summary = try store.upsert { writer in
                    var batch: [Customer] = []
                    batch.reserveCapacity(5_000)
                    while true {
                        let customer: Customer?
                        do {
                            customer = try reader.next()
                        } catch let error as CSVError where error.code.isRowProblem && report.errors.count < Self.maximumReportedRows {
                            // Keep reading to list every bad row; nothing is written in the end.
                            report.errors.append(error.description)
                            continue
                        }
                        guard let customer else { break }
                        guard report.errors.isEmpty else { continue }
                        batch.append(customer)
                        if batch.count == 5_000 {
                            try writer.write(batch)
                            progress.advance(by: batch.count)
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                    if !report.errors.isEmpty { throw ImportRejected() }
                    if !batch.isEmpty {
                        try writer.write(batch)
                        progress.advance(by: batch.count)
                    }
                }
                progress.finish()
                report.inserted = summary.inserted
                report.updated = summary.updated
            } catch is ImportRejected {
                report.rejected = report.errors.count
            } catch {
                report.errors.append("\(error)")
                report.rejected = max(report.rejected, 1)
            }
            if json { try Output.json(report) }
            if report.errors.isEmpty {
                if !json { Output.line("Imported \(file): \(report.inserted) inserted, \(report.updated) updated.") }
                return
            }
            if !json {
                for error in report.errors { Output.plainError(error) }
            }
            throw CommandFailure("Nothing was imported from \(file): \(report.errors.count) bad row\(report.errors.count == 1 ? "" : "s") (fix them and import again)")
        }
    }

    private struct ImportRejected: Error {}
}
