import ArgumentParser
import Foundation
import KassaApp
import KassaCore

/// `kassa cheques issue --file NAME.CSV [--dir DIR] [SELECTION] [--yes] [--json]`
struct ChequesIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Pay out the selected customers' points as one cheque each and write the file for the voucher service.",
        discussion: """
            The file name follows the voucher service's rule: at most 8 letters, digits, "_" or "-" before .CSV. \
            Paying out is all or nothing: if the file cannot be written, no points are deducted. Customers without an \
            e-mail address are not paid; kassa cheques remaining lists them for the post. Cheques are paid in [shop] \
            currency, so customers outside [shop] country get none. The total is shown first: on a terminal the pay-out \
            waits for a yes, elsewhere it needs --yes.
            """
    )

    @OptionGroup var global: GlobalOptions
    // Checked when the command line is parsed, with the rule the name broke.
    @Option(help: "The voucher file's name, e.g. KADO1125.CSV.", transform: { try VoucherFileName($0) }) var file: VoucherFileName
    @Option(help: "The folder for the file (default: [outbox] dir).") var dir: String?
    @OptionGroup var selection: SelectionOptions
    @Flag(help: "Pay out without asking; needed when not run on a terminal.") var yes = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let chosen = try selection.selection()
            // The currency is asked for once the rule was made: its refusal names every missing key.
            let (issue, rule) = try shop.issueCheques(chosen, file: file, directory: dir.map { URL(fileURLWithPath: $0).standardizedFileURL.path }) {
                try confirm($0, currency: try shop.requiredCurrency(for: "cheques"))
            }
            let currency = try shop.requiredCurrency(for: "cheques")
            if json { return try Output.json(issue) }
            guard let batch = issue.batch else {
                Output.line("No selected customer has points worth a cheque (\(rule.pointsPerCheque) points) and an e-mail address; nothing was paid out and no file was written.")
                Self.reportAbroad(issue.otherCountry.count, rule: rule)
                return Self.reportWithoutEmail(issue.withoutEmail.count)
            }
            let count = batch.chequeCount
            Output.line("Paid out \(count) cheque\(count == 1 ? "" : "s") worth \(batch.totalValue) \(currency) in total, for \(batch.pointsUsed) points (batch \(batch.id)).")
            Output.line("Voucher file: \(batch.path)")
            Self.reportWithoutEmail(issue.withoutEmail.count)
            Self.reportAbroad(issue.otherCountry.count, rule: rule)
        }
    }

    /// Shows what is about to be paid out and goes on only on a yes: `--yes`, or an answer on
    /// the terminal. Money leaves the shop here, so a script must say so explicitly.
    private func confirm(_ preview: ChequePreview, currency: String) throws {
        let count = preview.entries.count
        let summary = "\(count) cheque\(count == 1 ? "" : "s") worth \(preview.totalValue) \(currency) in total, for \(preview.pointsUsed) points"
        if yes { return }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure("Paying out \(summary) needs a yes: run kassa cheques issue on a terminal, or add --yes; nothing was paid out")
        }
        FileHandle.standardError.write(Data("Pay out \(summary) (kassa cheques preview lists them)? [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard ["y", "yes", "j", "ja"].contains(answer) else {
            throw CommandFailure("Nothing was paid out: the pay-out of \(summary) was not confirmed")
        }
    }

    /// Says how many chosen customers got no cheque for living outside the shop's country.
    static func reportAbroad(_ count: Int, rule: ChequeRule) {
        guard count > 0, let country = rule.country else { return }
        Output.error("\(count) customer\(count == 1 ? "" : "s") outside \(country) \(count == 1 ? "has" : "have") points worth a cheque but \(count == 1 ? "gets" : "get") none: cheques are paid in \(rule.currency ?? "the shop's currency"), for customers of \(country) ([shop] country).")
    }

    /// Points to `kassa cheques remaining` when customers were left for the post.
    static func reportWithoutEmail(_ count: Int) {
        guard count > 0 else { return }
        Output.error("\(count) customer\(count == 1 ? " has" : "s have") points worth a cheque but no e-mail address; kassa cheques remaining lists them for the post.")
    }
}
