import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("Previewing a mailing")
struct MailingPreviewTests {
    /// Counts 10 characters to a segment: a stand-in for the GSM meter of KassaSMS (tested
    /// with the real meter in KassaMassMailingTests), so these tests see the totals add up.
    struct TenPerSegment: SMSMeter {
        func measure(_ text: String) -> SMSMeasurement {
            SMSMeasurement(encoding: text.contains("é") ? "UCS-2" : "GSM-7", segments: (text.count + 9) / 10,
                           characters: text.count, hasLineBreaks: text.contains("\n"), cost: Double((text.count + 9) / 10) * 0.5)
        }
    }

    static let context = RenderContext(shopName: "Cykelbutiken", today: CalendarDate("2026-11-23")!)

    static func service(_ store: SQLiteCustomerStore) throws -> MailingService {
        MailingService(customers: store, mailings: try SQLiteMailingStore(customers: store), registry: PluginRegistry(),
                       context: context, meter: TenPerSegment())
    }

    @Test("every chosen customer is previewed; totals count recipients, exclusions, segments and cost")
    func totals() throws {
        let store = try StoreFixtures.store()
        let service = try Self.service(store)
        let mailing = try service.create(MailingDraft(channel: .sms, content: MailingContent(text: "Hej #FORNAMN#!\nRea")))
        var messages: [MailingPreview.Message] = []
        let totals = try service.preview(mailing) { messages.append($0) }

        let register = StoreFixtures.register
        #expect(try messages.map(\.customer) == store.allNumbers(CustomerSelection()))
        let noConsent = register.filter { !$0.newsletter }.count
        let noMobile = register.filter { $0.newsletter && ($0.mobile ?? "").isEmpty }.count
        #expect(totals.selected == register.count)
        #expect(totals.excluded == ["no_consent": noConsent, "no_mobile": noMobile].filter { $0.value > 0 })
        #expect(totals.recipients == register.count - noConsent - noMobile)
        #expect(totals.rendered + totals.failed == totals.recipients)
        let rendered = messages.filter { $0.error == nil && $0.excluded == nil }
        #expect(totals.segments == rendered.reduce(0) { $0 + $1.sms!.segments })
        #expect(totals.withLineBreaks == rendered.count)
        #expect(totals.cost == Double(totals.segments) * 0.5)
        for message in rendered {
            let customer = register.first { $0.number == message.customer }!
            #expect(message.text == "Hej \(customer.firstName!)!\nRea")
            #expect(message.address == customer.mobile)
        }
    }

    @Test("a message that cannot render is reported for its customer and the preview goes on")
    func failuresAreListed() throws {
        var customers = StoreFixtures.register
        customers[0].firstName = nil
        customers[0].newsletter = true
        customers[0].mobile = "+46700000000"
        let store = try StoreFixtures.store(customers)
        let service = try Self.service(store)
        let mailing = try service.create(MailingDraft(channel: .sms, content: MailingContent(text: "Hej #FORNAMN#")))
        var failed: [MailingPreview.Message] = []
        let totals = try service.preview(mailing) { if $0.error != nil { failed.append($0) } }
        let nameless = customers.filter { $0.newsletter && !($0.mobile ?? "").isEmpty && $0.firstName == nil }.map(\.number)
        #expect(nameless.contains(customers[0].number))
        #expect(Set(failed.map(\.customer)) == Set(nameless))
        #expect(failed[0].error!.contains("Customer \(failed[0].customer) has no first name"))
        #expect(totals.failed == nameless.count)
        #expect(totals.rendered == totals.recipients - nameless.count)
    }

    @Test("transactional mailings reach customers without consent")
    func transactional() throws {
        let store = try StoreFixtures.store()
        let service = try Self.service(store)
        let mailing = try service.create(MailingDraft(
            channel: .email, purpose: .transactional, content: MailingContent(text: "Faktura", subject: "Din faktura")))
        let totals = try service.preview(mailing) { _ in }
        #expect(totals.excluded["no_consent"] == nil)
        #expect(totals.recipients == StoreFixtures.register.filter { !($0.email ?? "").isEmpty }.count)
        #expect(totals.segments == 0)
    }

    @Test("the totals read as sentences")
    func summaryLines() {
        var totals = MailingPreview.Totals()
        totals.selected = 10
        totals.recipients = 7
        totals.excluded = ["no_consent": 2, "no_mobile": 1]
        totals.rendered = 6
        totals.failed = 1
        totals.segments = 8
        totals.encodings = ["GSM-7": 5, "UCS-2": 1]
        totals.withLineBreaks = 2
        totals.cost = 3.6
        #expect(totals.lines(channel: .sms) == [
            "10 selected, 7 recipients, 3 left out (no newsletter consent: 2, no mobile number: 1)",
            "6 rendered, 1 cannot be rendered",
            "SMS: 8 segments (GSM-7 5, UCS-2 1), cost 3.60",
            "Warning: 2 messages have line breaks; not every phone shows them.",
        ])
    }
}
