import Foundation
import KassaTesting
import Testing

/// What filters and templates return, checked end to end: a filter's number is an error, and
/// a Lua template's placeholder never goes out.
@Suite struct ScriptResultCommandTests {
    @Test func aFilterReturningANumberIsAnErrorNamingFilterLineAndType() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("plugins/points.lua", """
            kassa.plugin { name = "points", version = "1.0.0" }
            kassa.filter {
              name = "has_points",
              match = function(c) return c.points end,
            }
            """)
        let selected = try shop.run(["select", "--filter", "has_points", "--count"])
        #expect(selected.status == 1, "\(selected.stdout)")
        #expect(selected.stderr.contains("Filter \"has_points\" failed on customer 1: plugins/points.lua:4: the filter returned a number, not true or false"),
                "\(selected.stderr)")
    }

    @Test func aLuaTemplateWritingAPlaceholderFailsThatCustomerAndNothingLiteralIsSent() throws {
        let shop = try LoyaltyShop()
        try shop.folder.write("plugins/lazy.lua", """
            kassa.plugin { name = "lazy", version = "1.0.0" }
            kassa.template {
              name = "lazy_note",
              channel = "email",
              render = function(c)
                if c.number == "3" then return { subject = "Hej", text = "Hej #FORNAMN#!" } end
                return { subject = "Hej", text = "Hej " .. (c.first_name or "kund") .. "!" }
              end,
            }
            """)
        let created = try shop.run(["mailing", "create", "--channel", "email", "--template", "lazy_note", "--purpose", "transactional", "--has", "email"])
        #expect(created.status == 0, "\(created.stderr)")
        let preview = try shop.run(["mailing", "preview", "1"])
        #expect((preview.stdout + preview.stderr).contains("its text contains the placeholder #FORNAMN#"), "\(preview.stdout)\(preview.stderr)")
        // The send refuses while a message cannot render; told to skip it, it sends the others
        // and still exits non-zero for the one that failed.
        let refused = try shop.run(["mailing", "send", "1"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("#FORNAMN#"), "\(refused.stderr)")
        let sent = try shop.run(["mailing", "send", "1", "--skip-unrenderable"])
        #expect(sent.status != 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("5 sent, 1 failed"), "\(sent.stdout)")
        let folder = shop.folder.file("outbox/mail/mailing-1")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 5, "\(files)")
        for file in files {
            let message = try String(contentsOfFile: (folder as NSString).appendingPathComponent(file), encoding: .utf8)
            #expect(!message.contains("#FORNAMN#"), "\(file)")
        }
    }
}
