import Foundation
import KassaTesting
import Testing

/// Saved mailings and the mass-mailing menu from the command line.
@Suite struct MailingCommandTests {
    static func kassa(_ arguments: [String], in folder: TemporaryDirectory) throws -> KassaProcess.Result {
        try RegisterCommandTests.kassa(arguments, in: folder)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func createPreviewListShowAndEdit() throws {
        let folder = try RegisterCommandTests.seeded(300)
        let created = try Self.kassa(["mailing", "create", "--channel", "sms", "--name", "Vårkampanj", "--text", "Hej #FORNAMN|kund#! Du har #POANG# poäng.",
                                      "--country", "SE", "--json"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        let mailing = try Self.json(created.stdout)
        #expect(mailing["id"] as? Int == 1)
        #expect(mailing["purpose"] as? String == "marketing")
        #expect(mailing["status"] as? String == "draft")

        let preview = try Self.kassa(["mailing", "preview", "Vårkampanj", "--json"], in: folder)
        #expect(preview.status == 0, "\(preview.stderr)")
        let document = try Self.json(preview.stdout)
        let messages = try #require(document["messages"] as? [[String: Any]])
        let totals = try #require(document["totals"] as? [String: Any])
        // The preview covers exactly the Swedish customers; marketing leaves out those without consent.
        let swedes = try Self.kassa(["select", "--country", "SE", "--count"], in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(messages.count == Int(swedes))
        #expect(totals["selected"] as? Int == Int(swedes))
        let consenting = try Self.kassa(["select", "--country", "SE", "--consent", "--has", "mobile", "--count"], in: folder).stdout
        #expect(totals["recipients"] as? Int == Int(consenting.trimmingCharacters(in: .whitespacesAndNewlines)))
        let sent = messages.filter { $0["excluded"] is NSNull }
        #expect(sent.allSatisfy { ($0["text"] as? String)?.hasPrefix("Hej ") == true && ($0["text"] as? String)?.contains("#") == false })
        #expect(sent.allSatisfy { ($0["sms"] as? [String: Any])?["segments"] as? Int == 1 })
        #expect(totals["segments"] as? Int == sent.count)
        let excluded = messages.compactMap { $0["excluded"] as? String }
        #expect(Set(excluded).isSubset(of: ["no_consent", "no_mobile"]))
        #expect((totals["excluded"] as? [String: Int])?.values.reduce(0, +) == excluded.count)

        let text = try Self.kassa(["mailing", "preview", "1"], in: folder)
        #expect(text.stdout.contains("GSM-7 1 SMS  Hej "))
        #expect(text.stdout.contains("\(sent.count) recipients"))

        let edited = try Self.kassa(["mailing", "edit", "vårkampanj", "--channel", "email", "--subject", "Vår hos #BUTIK#", "--has", "email"], in: folder)
        #expect(edited.status == 0, "\(edited.stderr)")
        let shown = try Self.json(try Self.kassa(["mailing", "show", "1", "--json"], in: folder).stdout)
        #expect(shown["channel"] as? String == "email")
        #expect(shown["subject"] as? String == "Vår hos #BUTIK#")
        #expect(shown["text"] as? String == "Hej #FORNAMN|kund#! Du har #POANG# poäng.")
        let list = try Self.kassa(["mailing", "list"], in: folder)
        #expect(list.stdout.hasPrefix("1  Vårkampanj  email  marketing  draft  "))
    }

    @Test func mistakesAreRefusedBeforeSavingWithTheirPlace() throws {
        let folder = try RegisterCommandTests.seeded(50)
        let typo = try Self.kassa(["mailing", "create", "--channel", "sms", "--text", "Hej #FORNAME#!"], in: folder)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("line 1, column 5: unknown placeholder #FORNAME#. Did you mean #FORNAMN#?"))
        let noSubject = try Self.kassa(["mailing", "create", "--channel", "email", "--text", "Hej"], in: folder)
        #expect(noSubject.stderr == "kassa: The e-mail \"mailing text\" has no subject: give --subject.\n")
        let wrongChannel = try Self.kassa(["mailing", "create", "--channel", "email", "--template", "birthday"], in: folder)
        #expect(wrongChannel.stderr.contains("Template \"birthday\" is for SMS, not e-mail."))
        let unknownFilter = try Self.kassa(["mailing", "create", "--channel", "sms", "--text", "Hej", "--filter", "nope"], in: folder)
        #expect(unknownFilter.status == 1)
        #expect(unknownFilter.stderr.contains("nope"))
        #expect(try Self.kassa(["mailing", "list"], in: folder).stderr.contains("No mailings yet"))
    }

    @Test func aPreviewListsEveryMessageThatCannotRenderAndFails() throws {
        let folder = try RegisterCommandTests.seeded(300)
        #expect(try Self.kassa(["mailing", "create", "--channel", "sms", "--text", "Hej #FORETAG#", "--purpose", "transactional", "--has", "mobile"], in: folder).status == 0)
        let preview = try Self.kassa(["mailing", "preview", "1"], in: folder)
        #expect(preview.status == 1)
        let failures = preview.stdout.split(separator: "\n").filter { $0.contains("ERROR: Customer") }
        #expect(failures.count > 1)
        #expect(preview.stderr.contains("\(failures.count) of "))
        #expect(!preview.stdout.contains("Hej #FORETAG#"))
    }

    @Test func theMassMailingMenuRunsFromAMacroAndStopsAfterThePreview() throws {
        let folder = try RegisterCommandTests.seeded(300)
        let buttons = try Self.kassa(["buttons"], in: folder)
        #expect(buttons.stdout.contains("Massutskick  ##MENU#UtskickUtskrift2#¤  (mass-mailing)"))

        let menu = try Self.kassa(["macro", "##MENU#UtskickUtskrift2#¤", "--param", "channel=sms", "--param", "text=Hej #FORNAMN|kund#, rea på lördag!",
                                   "--param", "country=NL", "--param", "name=Rea"], in: folder)
        #expect(menu.status == 0, "\(menu.stderr)")
        #expect(menu.stdout.hasPrefix("Mailing 1 \"Rea\": sms, marketing\n"))
        #expect(menu.stdout.contains("nothing was sent"))
        #expect(menu.stdout.contains("GSM-7 1 SMS  Hej "))
        #expect(try Self.kassa(["mailing", "show", "Rea"], in: folder).stdout.contains("channel: sms"))

        // send=ja sends right after the preview, through the configured transport (the SMS outbox here).
        let sent = try Self.kassa(["macro", "##MENU#UtskickUtskrift2#¤", "--param", "channel=sms", "--param", "text=Hej #FORNAMN|kund#!",
                                   "--param", "country=NL", "--param", "send=ja"], in: folder)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("Mailing 2: "))
        #expect(sent.stdout.contains(" sent, 0 failed, 0 to retry, 0 unknown"))
        let status = try Self.json(try Self.kassa(["mailing", "status", "2", "--json"], in: folder).stdout)
        #expect(status["status"] as? String == "finished")
        let lines = try String(contentsOfFile: folder.file("outbox/" + (try FileManager.default.contentsOfDirectory(atPath: folder.file("outbox")).first { $0.hasPrefix("sms-") } ?? "")), encoding: .utf8)
        #expect(lines.split(separator: "\n").count == status["sent"] as? Int)

        // Without a terminal, what the menu needs must come as --param.
        let missing = try Self.kassa(["press", "Massutskick"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Massutskick"))
        #expect(missing.stderr.contains("add --param channel=VALUE"))
    }

    @Test func utskriftPrintsTheSelectionAsTextOrCSV() throws {
        let folder = try RegisterCommandTests.seeded(300)
        let count = try Self.kassa(["select", "--country", "DE", "--count"], in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = try Self.kassa(["macro", "##MENU#UtskickUtskrift2#Utskrift¤", "--param", "country=DE"], in: folder)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasSuffix("\(count) customers in the selection.\n"))
        let csv = try Self.kassa(["macro", "##MENU#UtskickUtskrift2#Utskrift¤", "--param", "country=DE", "--param", "format=csv"], in: folder)
        let rows = csv.stdout.split(whereSeparator: \.isNewline)
        #expect(rows.first == "number,name,street,postal_code,city,country,email,mobile")
        #expect(rows.count == Int(count)! + 1)
        #expect(rows.dropFirst().allSatisfy { $0.contains(",DE,") })
        let unknown = try Self.kassa(["macro", "##MENU#UtskickUtskrift2#Utskrift¤", "--param", "colour=red"], in: folder)
        #expect(unknown.stderr.contains("has no parameter \"colour\""))
    }

    @Test func anExternalHTMLFileIsTheBodyKeptWithTheMailing() throws {
        let folder = try RegisterCommandTests.seeded(100)
        try folder.write("nyhetsbrev.html", "<html><body><p>Hej <b>#FORNAMN|kund#</b> &amp; välkommen!</p></body></html>")
        let created = try Self.kassa(["mailing", "create", "--channel", "email", "--html", folder.file("nyhetsbrev.html"),
                                      "--subject", "Nyhetsbrev", "--has", "email", "--json"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        // Changing the file afterwards does not change the saved mailing.
        try folder.write("nyhetsbrev.html", "changed")
        let preview = try Self.json(try Self.kassa(["mailing", "preview", "1", "--json"], in: folder).stdout)
        let messages = try #require(preview["messages"] as? [[String: Any]])
        let html = messages.compactMap { $0["html"] as? String }
        #expect(!html.isEmpty)
        #expect(html.allSatisfy { $0.hasPrefix("<html><body><p>Hej <b>") && $0.hasSuffix("</b> &amp; välkommen!</p></body></html>") })
        let missing = try Self.kassa(["mailing", "create", "--channel", "email", "--html", "nope.html", "--subject", "S"], in: folder)
        #expect(missing.stderr == "kassa: HTML file \"nope.html\" cannot be read\n")
    }
}
