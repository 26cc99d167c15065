import Foundation
import KassaCore
import KassaTesting
import Testing

/// Every list-valued SELECTION option reads `A,B` and `--option A --option B` alike: the
/// customers matching any of the values (issue 14: `--family RETAIL,TRADE` matched nothing
/// while `--country SE,NL` worked and `--has email,mobile` failed).
@Suite struct SelectionListCommandTests {
    static func ids(_ arguments: [String], in folder: TemporaryDirectory) throws -> Set<String> {
        let result = try RegisterCommandTests.kassa(["select"] + arguments + ["--ids"], in: folder)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return Set(result.stdout.split(whereSeparator: \.isNewline).map(String.init))
    }

    @Test("a comma list is the repeated option, for every list criterion", arguments: [
        ("--family", "RETAIL", "VIP"), ("--type", "REGULAR", "WEB"), ("--category", "A", "C"),
        ("--turnover-group", "GOLD", "BRONZE"), ("--country", "SE", "NL"), ("--not-country", "SE", "NL"),
        ("--postal-code", "1*", "2*"), ("--exclude", "1", "2"),
    ])
    func commaListIsTheRepeatedOption(option: String, first: String, second: String) throws {
        let folder = try RegisterCommandTests.seeded(300)
        let one = try Self.ids([option, first], in: folder)
        let other = try Self.ids([option, second], in: folder)
        let repeated = try Self.ids([option, first, option, second], in: folder)
        let comma = try Self.ids([option, "\(first),\(second)"], in: folder)
        #expect(comma == repeated)
        if option.hasPrefix("--not-") || option == "--exclude" {
            #expect(repeated == one.intersection(other))
        } else {
            #expect(!one.isEmpty && !other.isEmpty, "the demo register has both \(first) and \(second)")
            #expect(repeated == one.union(other))
        }
    }

    @Test("--has takes a comma list: every named contact is required")
    func hasTakesACommaList() throws {
        let folder = try RegisterCommandTests.seeded(300)
        let email = try Self.ids(["--has", "email"], in: folder)
        let mobile = try Self.ids(["--has", "mobile"], in: folder)
        let comma = try Self.ids(["--has", "email,mobile"], in: folder)
        #expect(comma == email.intersection(mobile))
        #expect(comma == (try Self.ids(["--has", "email", "--has", "mobile"], in: folder)))
    }

    @Test("Lua reads a comma string and a table of strings alike, as the command line does")
    func luaListsAreCommandLineLists() throws {
        let folder = try RegisterCommandTests.seeded(300)
        try folder.write("count.lua", """
            local key, first, second = ...
            print(kassa.customers.count { [key] = first .. "," .. second })
            print(kassa.customers.count { [key] = { first, second } })
            """)
        for (key, first, second) in [("family", "RETAIL", "VIP"), ("turnover_group", "GOLD", "BRONZE"),
                                     ("has", "email", "mobile"), ("country", "SE", "NL")] {
            let lua = try RegisterCommandTests.kassa(["run", folder.file("count.lua"), key, first, second], in: folder)
            #expect(lua.status == 0, "\(lua.stderr)")
            let flag = "--" + key.replacingOccurrences(of: "_", with: "-")
            let cli = try RegisterCommandTests.kassa(["select", flag, first, flag, second, "--count"], in: folder)
            let count = cli.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(lua.stdout == "\(count)\n\(count)\n", "\(key)")
            #expect(count != "0", "\(key)")
        }
    }

    @Test("help lists every criterion of the table under its flag, saying how texts compare")
    func helpListsEveryCriterion() throws {
        let folder = try RegisterCommandTests.seeded(1)
        let help = try RegisterCommandTests.kassa(["select", "--help"], in: folder).stdout
        let words = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for criterion in SelectionCriterion.all {
            #expect(help.contains(criterion.flag + " ") || help.contains(criterion.flag + "\n"),
                    "\(criterion.flag) is missing from kassa select --help")
            let start = criterion.help.split(separator: " ").prefix(3).joined(separator: " ")
            #expect(words.contains(start), "\(criterion.flag) has the table's help")
        }
        #expect(words.contains(SelectionCriterion.Comparison.exact.phrase))
        #expect(words.contains(SelectionCriterion.Comparison.ignoringCase.phrase))
    }
}
