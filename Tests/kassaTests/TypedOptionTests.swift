import Foundation
import KassaTesting
import Testing

/// Options with a fixed set of values or a format are parsed by ArgumentParser: a bad value
/// fails before the command opens anything, with one message, capitalised, the value quoted.
@Suite struct TypedOptionTests {
    /// ArgumentParser's exit status for a bad command line (EX_USAGE).
    static let usageStatus: Int32 = 64

    static let cases: [(arguments: [String], message: String)] = [
        (["cards", "schedule", "--from", "15.12.2026"], "Error: The value '15.12.2026' is invalid for '--from <YYYY-MM-DD>'"),
        (["cards", "order", "4", "--valid-until", "2026-02-30"], "Error: The value '2026-02-30' is invalid for '--valid-until <YYYY-MM-DD>'"),
        (["cards", "attach", "4", "C1", "--kind", "gift", "--name", "X"],
         "Error: The value 'gift' is invalid for '--kind <kind>'. Please provide one of 'bonus_article', 'discount' or 'voucher'."),
        (["cards", "attach", "4", "C1", "--kind", "voucher", "--name", "X", "--amount", "ten"],
         "Error: The value 'ten' is invalid for '--amount <amount>'"),
        (["customers", "export", "--encoding", "latin2"],
         "Error: The value 'latin2' is invalid for '--encoding <encoding>'. Please provide one of 'utf-8', 'windows-1252' or 'iso-8859-1'."),
        (["customers", "export", "--delimiter", "\"\""], "Error: The value '\"\"' is invalid for '--delimiter <delimiter>'"),
        (["customers", "import", "x.csv", "--encoding", "utf-16"], "Error: The value 'utf-16' is invalid for '--encoding <encoding>'"),
        (["customers", "import", "x.csv", "--map", "Kundnr"], "Error: "),
        (["mailing", "create", "--channel", "fax", "--text", "x"],
         "Error: The value 'fax' is invalid for '--channel <channel>'. Please provide one of 'sms' and 'email'."),
        (["mailing", "send", "1", "--rate=-1"], "Error: Rate must be 0 (no limit) or more messages per second, not \"-1.0\""),
        (["mailing", "send", "1", "--pause=-2"], "Error: Pause must be 0 or more seconds, not \"-2.0\""),
        (["macro", "#KLUT#", "--param", "number"], "Error: --param \"number\" is not KEY=VALUE"),
        (["press", "Say hello", "--param", "=4"], "Error: --param \"=4\" is not KEY=VALUE"),
        (["run", "--allow", "cards.ordr", "script.lua"], "Error: --allow \"cards.ordr\" is not a permission (known: cards.order)"),
    ]

    @Test(arguments: cases)
    func aBadValueFailsWhenTheCommandLineIsParsed(arguments: [String], message: String) throws {
        // No register here: a command that got as far as opening one would say so instead.
        let folder = TemporaryDirectory()
        let result = try KassaProcess.run(arguments + ["--db", folder.file("none.sqlite")], in: folder.path)
        #expect(result.status == Self.usageStatus, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.file("none.sqlite")))
    }
}
