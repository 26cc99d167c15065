import ArgumentParser
import Foundation
import KassaApp
import KassaCore
import KassaCSV
import KassaSQLite

/// `kassa customers import FILE [--delimiter C] [--encoding E] [--map COLUMN=field]... [--replace] [--dry-run]`
struct CustomersImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers from a CSV file: all rows or none.",
        discussion: """
            The separator (; , or tab) and the encoding (UTF-8 with or without BOM, Windows-1252) are \
            detected; headers are recognised in Swedish, Dutch, French, German and English. Customers are \
            matched by number: new ones are added, known ones updated. One bad row rejects the whole file, \
            and every bad row is listed with its line.

            A known customer gets only what the file has columns for: a file of numbers and cities \
            changes cities, and keeps names, points, consent, vehicles, cards and other attributes. \
            Vehicle columns replace the customer's vehicles; an attribute column sets (or, when empty, \
            removes) that attribute only. --replace overwrites whole customers instead, emptying what \
            the file has no column for, except points (unless there is a points column) and cards. \
            --dry-run says, field by field, how many known customers the import would change and how \
            many values it would clear, and writes nothing.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The CSV file.") var file: String
    @Option(help: "The separator: ';', ',', 'tab' (default: detected).") var delimiter: CSVDelimiter?
    @Option(help: "utf-8 or windows-1252 (default: detected).") var encoding: CSVEncoding?
    @Option(help: "Map a column to a field, COLUMN=field (repeatable), e.g. Kundnr=number.") var map: [String] = []
    @Flag(help: "Overwrite whole customers: what the file has no column for is emptied (points and cards stay unless the file has a points column).")
    var replace = false
    @Flag(help: "Say what the import would change, field by field, and write nothing.") var dryRun = false
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        for text in map {
            do { _ = try CustomerColumnMapping(parsing: text) } catch { throw ValidationError("\(error)") }
        }
    }

    /// How many bad rows are listed before the import gives up looking.
    static let maximumReportedRows = 100

    struct Report: Encodable {
        var file: String
        var dryRun = false
        var inserted = 0
        var updated = 0
        var rejected = 0
        var errors: [String] = []
        /// With `--dry-run`: per field written, how many known customers would change.
        var fields: [FieldChange]?
    }

    struct FieldChange: Encodable {
        var field: String
        var changed: Int
        var cleared: Int
    }

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let mappings = try map.map { try CustomerColumnMapping(parsing: $0) }
            let reader = try CustomerCSVReader(path: file, delimiter: delimiter, encoding: encoding, mappings: mappings,
                                               defaultCountry: shop.configuration.shop.country)
            let parts = reader.layout.parts(replacing: replace)
            let store = try dryRun ? Self.storeToPreview(shop) : shop.customersCreatingRegister()
            var report = Report(file: file, dryRun: dryRun)
            let progress = Progress("\(dryRun ? "Checking" : "Importing") \(file)", quiet: json)
            // The reader and the progress line move to the producing thread for good: this
            // thread touches neither again until the upsert has returned, which it does only
            // after the producer has.
            let parsing = Handoff((reader: reader, progress: progress))
            let produce: @Sendable (([Customer]) throws -> Void) throws -> Void = { emit in
                try Self.read(parsing.value.reader, progress: parsing.value.progress, emit: emit)
            }
            do {
                let summary: UpsertSummary
                if dryRun {
                    let preview = try store.previewUpsert(prefetch: Self.prefetch, writing: parts, producedBy: produce)
                    summary = preview.summary
                    report.fields = preview.changes.map { FieldChange(field: $0.part, changed: $0.changed, cleared: $0.cleared) }
                } else {
                    summary = try store.upsert(prefetch: Self.prefetch, writing: parts, producedBy: produce)
                }
                progress.finish()
                report.inserted = summary.inserted
                report.updated = summary.updated
                shop.emit([.customerImported(file: file, summary: summary)])
            } catch let rejection as ImportRejected {
                report.errors = rejection.errors
                report.rejected = rejection.errors.count
                if rejection.stoppedEarly {
                    report.errors.append("Stopped looking for bad rows after \(Self.maximumReportedRows).")
                }
            } catch {
                report.errors.append("\(error)")
                report.rejected = max(report.rejected, 1)
            }
            if json { try Output.json(report) }
            if report.errors.isEmpty {
                if !json { Self.print(report) }
                return
            }
            if !json {
                for error in report.errors { Output.plainError(error) }
            }
            let bad = "\(report.rejected) bad row\(report.rejected == 1 ? "" : "s") (fix them and import again)"
            throw CommandFailure(dryRun ? "Nothing would be imported from \(file): \(bad)" : "Nothing was imported from \(file): \(bad)")
        }
    }

    /// The register a dry run reads: the database when there is one; otherwise an empty
    /// one in memory, so that a dry run does not create the file.
    private static func storeToPreview(_ shop: Shop) throws -> SQLiteCustomerStore {
        guard FileManager.default.fileExists(atPath: shop.location.databasePath) else {
            return try SQLiteCustomerStore.inMemory(logger: shop.logger)
        }
        return try shop.customers()
    }

    /// The summary line and, for a dry run, a table of the fields written.
    private static func print(_ report: Report) {
        guard let fields = report.fields else {
            return Output.line("Imported \(report.file): \(report.inserted) inserted, \(report.updated) updated.")
        }
        Output.line("Dry run of \(report.file), nothing was written: \(report.inserted) would be inserted, \(report.updated) updated.")
        guard !fields.isEmpty else { return }
        let width = max(fields.map(\.field.count).max() ?? 0, 5) + 3
        func row(_ name: String, _ changed: String, _ cleared: String) -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 7 - changed.count)) + changed
                + "  " + String(repeating: " ", count: max(0, 7 - cleared.count)) + cleared
        }
        Output.line(row("Field", "Changed", "Cleared"))
        for field in fields { Output.line(row(field.field, String(field.changed), String(field.cleared))) }
    }

    /// Customers per batch handed from the parsing thread to the writing one.
    static let batchSize = 5_000
    /// Batches that may wait for the writer: enough to smooth out the two threads' pace,
    /// few enough to keep memory low (a batch of 5,000 customers is a few MB).
    static let prefetch = 4

    /// Reads every row on the producing thread and hands batches to the writer. Once a
    /// row is bad nothing more is handed over, but reading goes on to list every bad row
    /// (up to `maximumReportedRows`), and `ImportRejected` ends the upsert, which then
    /// writes nothing.
    private static func read(
        _ reader: CustomerCSVReader, progress: Progress, emit: ([Customer]) throws -> Void
    ) throws {
        var errors: [String] = []
        var batch: [Customer] = []
        batch.reserveCapacity(batchSize)
        while true {
            let next: Customer?
            do {
                next = try reader.next()
            } catch let error as CSVError where error.code.isRowProblem {
                guard errors.count < maximumReportedRows else {
                    throw ImportRejected(errors: errors, stoppedEarly: true)
                }
                errors.append(error.description)
                batch.removeAll()
                continue
            }
            // Moved, not copied: a copy of a customer retains every one of its strings.
            guard let customer = consume next else { break }
            guard errors.isEmpty else { continue }
            batch.append(consume customer)
            if batch.count == batchSize {
                try emit(batch)
                progress.advance(by: batch.count)
                batch.removeAll(keepingCapacity: true)
            }
        }
        guard errors.isEmpty else { throw ImportRejected(errors: errors, stoppedEarly: false) }
        if !batch.isEmpty {
            try emit(batch)
            progress.advance(by: batch.count)
        }
    }

    /// The file has bad rows: these, in file order.
    private struct ImportRejected: Error {
        var errors: [String]
        /// Whether there were more bad rows than were listed.
        var stoppedEarly: Bool
    }
}

/// A value handed to another thread for good: the sender never touches it again, so it is
/// never used from two threads at once, whatever its type.
private final class Handoff<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
