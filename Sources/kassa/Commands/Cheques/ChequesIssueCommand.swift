import ArgumentParser
import Foundation
import KassaCSV
import KassaCore

/// `kassa cheques issue --file NAME.CSV [--dir DIR] [SELECTION] [--json]`
struct ChequesIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Pay out the selected customers' points as one cheque each and write the file for the voucher service.",
        discussion: """
            The file name follows the voucher service's rule: at most 8 letters, digits, "_" or "-" before .CSV. \
            Paying out is all or nothing: if the file cannot be written, no points are deducted. Customers without an \
            e-mail address are not paid; kassa cheques remaining lists them for the post.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The voucher file's name, e.g. KADO1125.CSV.") var file: String
    @Option(help: "The folder for the file (default: [outbox] dir).") var dir: String?
    @OptionGroup var selection: SelectionOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let environment = try CommandEnvironment(global)
            let name = try VoucherFileName(file)
            let chosen = try selection.selection()
            let host = environment.hostForFilter(of: chosen)
            let service = try environment.chequeService(filters: host?.registry)
            let directory = dir.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? environment.configuration.outbox.directory
            let issue = try withExtendedLifetime(host) {
                try service.issue(chosen, file: name, directory: directory, on: CalendarDate.today(),
                                  encoder: CSVVoucherFileEncoder(), observe: Self.crashForTests)
            }
            environment.emit(issue.cheques.map(KassaEvent.chequeIssued), host: host)
            if json { return try Output.json(issue) }
            guard let batch = issue.batch else {
                Output.line("No selected customer has points worth a cheque (\(service.rule.pointsPerCheque) points) and an e-mail address; nothing was paid out and no file was written.")
                return Self.reportWithoutEmail(issue.withoutEmail.count)
            }
            let count = batch.chequeCount
            Output.line("Paid out \(count) cheque\(count == 1 ? "" : "s") worth \(batch.totalValue) \(environment.currency) in total, for \(batch.pointsUsed) points (batch \(batch.id)).")
            Output.line("Voucher file: \(batch.path)")
            Self.reportWithoutEmail(issue.withoutEmail.count)
        }
    }

    /// Points to `kassa cheques remaining` when customers were left for the post.
    static func reportWithoutEmail(_ count: Int) {
        guard count > 0 else { return }
        Output.error("\(count) customer\(count == 1 ? " has" : "s have") points worth a cheque but no e-mail address; kassa cheques remaining lists them for the post.")
    }

    /// Test support: `KASSA_TEST_CRASH_AFTER=staged|committed|published` ends the process
    /// abruptly after that step of the pay-out, as a power cut or `kill -9` would, so the
    /// tests can show what each crash leaves behind. Unset, it does nothing.
    static func crashForTests(_ step: ChequeIssueStep) throws {
        if ProcessInfo.processInfo.environment["KASSA_TEST_CRASH_AFTER"] == step.rawValue {
            _exit(86)
        }
    }
}
