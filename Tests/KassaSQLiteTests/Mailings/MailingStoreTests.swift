import Foundation
import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("Saved mailings (SQLiteMailingStore)")
struct MailingStoreTests {
    static func draft(name: String? = "Vårkampanj", channel: Channel = .sms) throws -> MailingDraft {
        var input = SelectionInput()
        input.add(.family, "VIP")
        input.add(.has, "mobile")
        return MailingDraft(name: name, channel: channel, content: MailingContent(text: "Hej #FORNAMN#!"),
                            selection: try CustomerSelection(input: input))
    }

    static let snapshot = MailingSnapshot(entries: [
        OutboxEntry(customerNumber: "1", address: "+46701111111", state: .pending),
        OutboxEntry(customerNumber: "2", address: nil, state: .excluded, reason: "no_consent"),
    ])

    @Test("the snapshot becomes the outbox; an edit replaces it while nothing is sent, not after")
    func snapshotAndEdits() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft(), snapshot: Self.snapshot)
        #expect(try mailings.entries(of: saved.id, states: nil, after: nil, limit: 10) == Self.snapshot.entries)
        let counts = try mailings.counts(of: saved.id)
        #expect(counts.recipients == 1)
        #expect(counts.excludedByReason == ["no_consent": 1])

        try mailings.record(saved.id, outcome: nil, thenCommitting: "1")
        try mailings.record(saved.id, outcome: OutboxOutcome(customer: "1", state: .sent, reference: "<id@x>"), thenCommitting: nil)
        let error = try #require(throws: MailingError.self) {
            try mailings.update(saved.id, to: MailingDraft(saved), snapshot: MailingSnapshot())
        }
        #expect(error.code == .notEditable)
        let sent = try mailings.entries(of: saved.id, states: [.sent], after: nil, limit: 10)
        #expect(sent.map(\.reference) == ["<id@x>"])
        #expect(sent.first?.attempts == 1)
    }

    @Test("a sender that died past the commit point leaves unknown rows, resent only when asked")
    func recovery() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft(), snapshot: Self.snapshot)
        try mailings.record(saved.id, outcome: nil, thenCommitting: "1")
        // The process that was sending is gone (pid 0 is never a live sender of ours).
        let start = try mailings.beginSending(saved.id, pid: getpid(), resendUnknown: false, retryFailed: false, throttle: nil)
        #expect(start.newlyUnknown == 1)
        #expect(try mailings.counts(of: saved.id)[.unknown] == 1)
        #expect(try mailings.sendable(of: saved.id, now: Date(), after: nil, limit: 10).isEmpty)
        let again = try mailings.beginSending(saved.id, pid: getpid(), resendUnknown: true, retryFailed: false, throttle: nil)
        #expect(again.requeued == 1)
        #expect(try mailings.sendable(of: saved.id, now: Date(), after: nil, limit: 10).map(\.customerNumber) == ["1"])
    }

    static let fourRecipients = MailingSnapshot(entries: ["1", "2", "3", "4"].map {
        OutboxEntry(customerNumber: $0, address: "+4670111111\($0)", state: .pending)
    })

    @Test("retry-failed puts failed rows back with their attempts anew; sent and unknown rows stay as they are")
    func retryFailed() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft(), snapshot: Self.fourRecipients)
        try mailings.record(saved.id, outcomes: [
            OutboxOutcome(customer: "1", state: .sent),
            OutboxOutcome(customer: "2", state: .failed, reason: "gave up after 5 attempts: 451"),
            OutboxOutcome(customer: "3", state: .unknown, reason: "lost after the final dot"),
        ])
        let plain = try mailings.beginSending(saved.id, pid: getpid(), resendUnknown: false, retryFailed: false, throttle: nil)
        #expect(plain.retried == 0)
        #expect(try mailings.counts(of: saved.id)[.failed] == 1)

        let start = try mailings.beginSending(saved.id, pid: getpid(), resendUnknown: false, retryFailed: true, throttle: nil)

        #expect(start.retried == 1)
        let rows = Dictionary(uniqueKeysWithValues: try mailings.entries(of: saved.id, states: nil, after: nil, limit: 10).map { ($0.customerNumber, $0) })
        #expect(rows["1"]?.state == .sent)
        #expect(rows["2"]?.state == .pending)
        #expect(rows["2"]?.attempts == 0)
        #expect(rows["2"]?.reason == nil)
        #expect(rows["3"]?.state == .unknown)
        #expect(try mailings.sendable(of: saved.id, now: Date(), after: nil, limit: 10).map(\.customerNumber) == ["2", "4"])
    }

    @Test("a mailing whose failed messages never left can change and is a draft again; one a server refused cannot")
    func editAfterFailuresBeforeSending() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft(), snapshot: Self.fourRecipients)
        try mailings.record(saved.id, outcomes: ["1", "2", "3", "4"].map {
            OutboxOutcome(customer: $0, state: .failed, reason: "Template failed for customer \($0)", countsAttempt: false)
        })
        try mailings.endSending(saved.id, status: .finished)

        let changed = try mailings.update(saved.id, to: MailingDraft(saved), snapshot: Self.fourRecipients)

        #expect(changed.status == .draft)
        #expect(try mailings.mailing("\(saved.id)").status == .draft)
        #expect(try mailings.counts(of: saved.id)[.pending] == 4)

        try mailings.record(saved.id, outcome: OutboxOutcome(customer: "1", state: .failed, reason: "550 no such user"), thenCommitting: nil)
        let error = try #require(throws: MailingError.self) {
            try mailings.update(saved.id, to: MailingDraft(saved), snapshot: Self.fourRecipients)
        }
        #expect(error.code == .notEditable)
    }

    @Test("a mailing cannot change while its sender lives")
    func noEditWhileSending() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft(), snapshot: Self.fourRecipients)
        _ = try mailings.beginSending(saved.id, pid: getppid(), resendUnknown: false, retryFailed: false, throttle: nil)
        let error = try #require(throws: MailingError.self) {
            try mailings.update(saved.id, to: MailingDraft(saved), snapshot: Self.fourRecipients)
        }
        #expect(error.code == .notEditable)
        #expect(error.message.contains("process \(getppid())"))
    }

    @Test("sendable reads pending rows on from the cursor in number order, then the retries that are due")
    func sendableCursor() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let numbers = ["9", "10", "11", "100", "2", "30"]
        let saved = try mailings.create(Self.draft(), snapshot: MailingSnapshot(entries: numbers.map {
            OutboxEntry(customerNumber: $0, address: "+4670111\($0)", state: .pending)
        }))
        let now = Date()
        let first = try mailings.sendable(of: saved.id, now: now, after: nil, limit: 3).map(\.customerNumber)
        #expect(first == ["2", "9", "10"])
        // "9" waits for a retry in a minute, "2" is due again already; "10" was sent.
        try mailings.record(saved.id, outcome: OutboxOutcome(customer: "9", state: .retry, reason: "421", nextAttemptAt: now.addingTimeInterval(60)), thenCommitting: nil)
        try mailings.record(saved.id, outcome: OutboxOutcome(customer: "2", state: .retry, reason: "451", nextAttemptAt: now.addingTimeInterval(-1)), thenCommitting: nil)
        try mailings.record(saved.id, outcome: OutboxOutcome(customer: "10", state: .sent), thenCommitting: nil)
        let rest = try mailings.sendable(of: saved.id, now: now, after: "10", limit: 10).map(\.customerNumber)
        #expect(rest == ["11", "30", "100", "2"])
        #expect(try mailings.sendable(of: saved.id, now: now.addingTimeInterval(120), after: "100", limit: 10).map(\.customerNumber) == ["2", "9"])
        #expect(try mailings.counts(of: saved.id)[.retry] == 2)
    }

    @Test("a second sender is refused while the first one's process lives")
    func oneSenderAtATime() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft(), snapshot: Self.snapshot)
        _ = try mailings.beginSending(saved.id, pid: getppid(), resendUnknown: false, retryFailed: false, throttle: nil)
        let error = try #require(throws: MailingError.self) {
            try mailings.beginSending(saved.id, pid: getpid(), resendUnknown: false, retryFailed: false, throttle: nil)
        }
        #expect(error.code == .busy)
        try mailings.endSending(saved.id, status: .stopped)
        _ = try mailings.beginSending(saved.id, pid: getpid(), resendUnknown: false, retryFailed: false, throttle: nil)
    }

    @Test("a saved mailing reads back whole, by number and by name in any case")
    func createAndOpen() throws {
        let mailings = try SQLiteMailingStore(customers: StoreFixtures.store())
        let saved = try mailings.create(Self.draft(), snapshot: Self.snapshot)
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
        _ = try mailings.create(Self.draft(), snapshot: Self.snapshot)
        let duplicate = try #require(throws: MailingError.self) { try mailings.create(Self.draft(name: "vårkampanj"), snapshot: Self.snapshot) }
        #expect(duplicate.code == .duplicateName)
        #expect(duplicate.message == "Mailing 1 is already called \"vårkampanj\".")
        let numeric = try #require(throws: MailingError.self) { try mailings.create(Self.draft(name: "42"), snapshot: Self.snapshot) }
        #expect(numeric.code == .invalidContent)
        #expect(throws: MailingError.self) { try mailings.create(Self.draft(name: "  "), snapshot: Self.snapshot) }
        // Unnamed mailings do not clash with each other.
        _ = try mailings.create(Self.draft(name: nil), snapshot: Self.snapshot)
        _ = try mailings.create(Self.draft(name: nil), snapshot: Self.snapshot)
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
        let saved = try mailings.create(Self.draft(), snapshot: Self.snapshot)
        var draft = MailingDraft(saved)
        draft.channel = .email
        draft.content = MailingContent(text: "Hej!", subject: "Vår")
        draft.name = "Vår 2027"
        let changed = try mailings.update(saved.id, to: draft, snapshot: MailingSnapshot())
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
            _ = try mailings.create(Self.draft(), snapshot: Self.snapshot)
        }
        let reopened = try SQLiteMailingStore(customers: SQLiteCustomerStore(path: path))
        #expect(try reopened.mailing("Vårkampanj").content.text == "Hej #FORNAMN#!")
    }
}
