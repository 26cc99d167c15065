import Foundation
import KassaCSV
import KassaConfig
import KassaCore
import KassaSQLite

// Test-only: never shipped (not a product of the package). The cheque tests run
//
//     kassa-crash-test cheques-issue --crash-after STEP --file NAME.CSV --db FILE [--dir DIR]
//
// in a shop folder. It pays out every customer as `kassa cheques issue --file NAME.CSV`
// does, with the shop's `kassa.toml`, and ends the process abruptly (`_exit(86)`, no
// cleanup, as a power cut or `kill -9` would) right after STEP of the pay-out (`staged`,
// `committed` or `published`), so the tests can show what each crash leaves behind.

/// Exit status when the step was reached.
let crashStatus: Int32 = 86

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kassa-crash-test: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "cheques-issue" else {
    fail("usage: kassa-crash-test cheques-issue --crash-after STEP --file NAME.CSV --db FILE [--dir DIR]")
}
arguments.removeFirst()
var options: [String: String] = [:]
while let option = arguments.first {
    guard ["--crash-after", "--file", "--db", "--dir"].contains(option), arguments.count >= 2 else {
        fail("unknown option or missing value: \"\(option)\"")
    }
    options[option] = arguments[1]
    arguments.removeFirst(2)
}
guard let stepName = options["--crash-after"], let step = ChequeIssueStep(rawValue: stepName) else {
    fail("--crash-after takes one of \(ChequeIssueStep.allCases.map(\.rawValue).joined(separator: ", "))")
}
guard let file = options["--file"], let database = options["--db"] else { fail("--file and --db are needed") }

do {
    let configuration = FileManager.default.fileExists(atPath: "kassa.toml")
        ? try KassaConfiguration.load(from: "kassa.toml")
        : KassaConfiguration(baseDirectory: FileManager.default.currentDirectoryPath)
    let customers = try SQLiteCustomerStore(path: database)
    let service = ChequeService(customers: customers, loyalty: try SQLiteLoyaltyStore(customers: customers),
                                rule: try ChequeRule(configuration.cheques, shop: configuration.shop))
    let directory = options["--dir"] ?? configuration.outbox.directory
    _ = try service.issue(CustomerSelection(), file: try VoucherFileName(file),
                          directory: directory, on: CalendarDate.today(), encoder: CSVVoucherFileEncoder(),
                          observe: { reached in if reached == step { _exit(crashStatus) } })
} catch {
    fail("\(error)")
}
fail("the pay-out ended without reaching step \"\(step.rawValue)\"")
