import Foundation
import KassaTesting
import Testing

/// A shop folder for the cheque and card commands: a `kassa.toml`, a small register with
/// customers at the edges of the cheque rule, and the `kassa` binary run inside it.
struct LoyaltyShop {
    let folder = TemporaryDirectory(prefix: "kassa-loyalty")

    /// Who the shop is and how it sends: what paying, pricing and sending need, and which
    /// Kassa never invents.
    static let shopSettings = """
        [shop]
        name = "Cykelbutiken"
        country = "SE"
        currency = "SEK"

        [smtp]
        from = "Cykelbutiken <info@cykelbutiken.example>"

        [sms]
        sender = "Cykelbutik"


        """

    /// 500 points make a 5.00 cheque.
    static let cheques = "[cheques]\npoints_per_cheque = 500\ncheque_value = 5.00\n"

    /// 500 points make a 5.00 cheque (`cheques`). Customers: 1 has 0 points, 2 has 499,
    /// 3 exactly 500, 4 has 1750 (three cheques, 250 left), 5 has 100,000, 6 has 900 and no
    /// e-mail, 7 is a company with 600.
    static let register = """
        number,first_name,last_name,company,is_company,email,street,postal_code,city,country,points
        1,Noll,Nilsson,,no,noll@example.se,Gata 1,111 11,Stockholm,SE,0
        2,Nästan,Berg,,no,nastan@example.se,Gata 2,111 12,Stockholm,SE,499
        3,Åsa,Öberg,,no,asa@example.se,Gata 3,211 45,Malmö,SE,500
        4,Bo,Ek,,no,bo@example.se,Gata 4,411 01,Göteborg,SE,1750
        5,Rik,Rikare,,no,rik@example.se,Gata 5,111 13,Stockholm,SE,100000
        6,Post,Persson,,no,,Storgatan 6,211 46,Malmö,SE,900
        7,,,"Cykel AB",yes,info@cykel.example,Industrivägen 7,721 30,Västerås,SE,600

        """

    /// A shop whose `kassa.toml` is `shop` followed by `config`; with both empty there is
    /// no `kassa.toml` at all.
    init(config: String = LoyaltyShop.cheques, shop: String = LoyaltyShop.shopSettings, register: String = LoyaltyShop.register) throws {
        if !(shop + config).isEmpty { try folder.write("kassa.toml", shop + config) }
        try folder.write("register.csv", register)
        let imported = try run(["customers", "import", "register.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// `kassa ARGUMENTS --db kassa.sqlite` in the shop folder.
    func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> KassaProcess.Result {
        try KassaProcess.run(arguments + ["--db", folder.file("kassa.sqlite")], in: folder.path, environment: environment, input: input)
    }

    /// Pays out as `kassa cheques issue ARGUMENTS` would, with the test-only
    /// `kassa-crash-test`, which ends the process abruptly (status 86, as a power cut or
    /// `kill -9` would) after `step` of the pay-out: `staged`, `committed` or `published`.
    func crashingIssue(after step: String, _ arguments: [String]) throws -> KassaProcess.Result {
        try KassaProcess.runProgram(KassaProcess.builtExecutable(named: "kassa-crash-test"),
                                    ["cheques-issue", "--crash-after", step] + arguments + ["--db", folder.file("kassa.sqlite")],
                                    in: folder.path)
    }

    /// Decodes the JSON a successful command printed.
    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// Every customer's points, by number.
    func points() throws -> [String: Int] {
        let customers = try json(["select"]) as? [[String: Any]] ?? []
        var points: [String: Int] = [:]
        for customer in customers { points[customer["number"] as? String ?? ""] = customer["points"] as? Int }
        return points
    }

    /// The names in `outbox`, hidden ones included.
    func outbox() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.file("outbox"))) ?? []).sorted()
    }

    func text(_ name: String) throws -> String {
        try String(contentsOfFile: folder.file(name), encoding: .utf8)
    }
}
