import Foundation
import Testing
@testable import KassaCore

@Suite("Saved mailings (SQLiteMailingStore)")
struct MailingStoreTests {
    static func draft(name: String? = "Vårkampanj", channel: Channel = .sms) throws -> MailingDraft {
        var options = CustomerSelection.Options()
        options.family = ["VIP"]
        options.has = ["mobile"]
        return MailingDraft(name: name, channel: channel, content: MailingContent(text: "Hej #FORNAMN#!"),
                            selection: try CustomerSelection(options: options))
    }

    @Test("a saved mailing reads back whole, by number and by name in any case")
    func createAndOpen() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft())
        #expect(saved.id == 1)
        #expect(saved.status == .draft)
        #expect(saved.purpose == .marketing)
        let byNumber = try mailings.mailing("1")
        let byName = try mailings.mailing("VÅRKAMPANJ")
        #expect(byNumber == byName)
        #expect(byNumber.content == MailingContent(text: "Hej #FORNAMN#!"))
        #expect(byNumber.selection.families == ["VIP"])
        #expect(byNumber.selection.requirements == [.mobile])
        #expect(byNumber.channel == .sms)
        #expect(abs(byNumber.createdAt.timeIntervalSince(saved.createdAt)) < 0.001)
    }

    @Test("names are unique regardless of case, and cannot be blank or a number")
    func names() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        _ = try mailings.create(Self.draft())
        let duplicate = try #require(throws: MailingError.self) { try mailings.create(Self.draft(name: "vårkampanj")) }
        #expect(duplicate.code == .duplicateName)
        #expect(duplicate.message == "Mailing 1 is already called \"vårkampanj\".")
        let numeric = try #require(throws: MailingError.self) { try mailings.create(Self.draft(name: "42")) }
        #expect(numeric.code == .invalidContent)
        #expect(throws: MailingError.self) { try mailings.create(Self.draft(name: "  ")) }
        // Unnamed mailings do not clash with each other.
        _ = try mailings.create(Self.draft(name: nil))
        _ = try mailings.create(Self.draft(name: nil))
        #expect(try mailings.mailings().map(\.id) == [3, 2, 1])
    }

    @Test("an unknown mailing is an error that says how to list them")
    func unknown() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let error = try #require(throws: MailingError.self) { try mailings.mailing("Julkampanj") }
        #expect(error.code == .unknownMailing)
        #expect(error.message == "There is no mailing \"Julkampanj\"; kassa mailing list shows them.")
    }

    @Test("a draft changes in place and keeps its number and creation time")
    func update() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft())
        var draft = MailingDraft(saved)
        draft.channel = .email
        draft.content = MailingContent(text: "Hej!", subject: "Vår")
        draft.name = "Vår 2027"
        let changed = try mailings.update(saved.id, to: draft)
        #expect(changed.id == saved.id)
        let reread = try mailings.mailing("vår 2027")
        #expect(reread.channel == .email)
        #expect(reread.content.subject == "Vår")
        #expect(reread.createdAt == changed.createdAt)
        #expect(throws: MailingError.self) { try mailings.mailing("Vårkampanj") }
    }

    @Test("mailings outlive the process: they are in the register's file")
    func persistence() throws {
        let folder = try StoreTestFolder()
        let path = folder.path("mailings.sqlite")
        do {
            let mailings = try SQLiteMailingStore(customers: SQLiteCustomerStore(path: path))
            _ = try mailings.create(Self.draft())
        }
        let reopened = try SQLiteMailingStore(customers: SQLiteCustomerStore(path: path))
        #expect(try reopened.mailing("Vårkampanj").content.text == "Hej #FORNAMN#!")
    }
}
