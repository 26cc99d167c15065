import ArgumentParser
import Foundation
import KassaApp
import KassaCore
import KassaCSV

/// `kassa customers export [SELECTION] [-o FILE] [--delimiter C] [--encoding utf-8|windows-1252] [--bom]`
struct CustomersExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the selected customers as CSV that opens safely in a spreadsheet."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).") var output: String?
    @Option(help: "The separator: ',' (default), ';' or 'tab'.") var delimiter: CSVDelimiter = .comma
    @Option(help: ArgumentHelp(
        "utf-8 (the default), windows-1252 or iso-8859-1, for programs that read only the Windows code page.",
        discussion: "A value with a character the encoding cannot hold stops the export with the customer number and the field; nothing is written."))
    var encoding: CSVEncoding = .utf8
    @Flag(help: "Start with a UTF-8 byte order mark (for Excel).") var bom = false

    func validate() throws {
        if bom, encoding != .utf8 { throw ValidationError("--bom is a UTF-8 byte order mark and cannot be combined with --encoding \(encoding)") }
    }

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let chosen = try selection.selection()
            let store = try shop.customers()
            let host = shop.hostForFilter(of: chosen)
            let options = CSVWriter.Options(delimiter: delimiter, includesByteOrderMark: bom, encoding: encoding)
            // Custom attributes become columns, so their names are gathered first: a second pass
            // over the selection keeps memory flat where holding the customers would not.
            var attributeKeys = Set<String>()
            try store.select(chosen, filters: host?.registry).forEach { batch in
                for customer in batch { attributeKeys.formUnion(customer.attributes.keys) }
            }
            let count = try CustomerExport.write(store.select(chosen, filters: host?.registry), to: output, options: options,
                                                 attributeKeys: attributeKeys.sorted())
            if let output { Output.error("Exported \(count) customers to \(output).") }
        }
    }
}

/// Writing selected customers as CSV, to a file (atomically) or to stdout.
enum CustomerExport {
    @discardableResult
    static func write(_ batches: CustomerBatches, to path: String?, options: CSVWriter.Options, attributeKeys: [String] = []) throws -> Int {
        // A file appears whole or not at all: written beside the target, then renamed.
        let temporary = path.map { $0 + ".partial-\(getpid())" }
        let writer = try temporary.map { try CSVWriter(path: $0, options: options) }
            ?? CSVWriter(fileDescriptor: STDOUT_FILENO, name: "<stdout>", options: options)
        var count = 0
        do {
            let customers = try CustomerCSVWriter(writer: writer, attributeKeys: attributeKeys)
            while let batch = try batches.next() {
                for customer in batch { try customers.write(customer) }
                count += batch.count
            }
            try writer.finish()
            if let temporary, let path {
                if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
                try FileManager.default.moveItem(atPath: temporary, toPath: path)
            }
        } catch {
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
            throw error
        }
        return count
    }
}
