import Testing
@testable import KassaCore
@testable import KassaSQLite

@Suite("Who a mailing reaches")
struct MailingAudienceTests {
    static func customer(_ number: String, consent: Bool, email: String? = nil, mobile: String? = nil) -> Customer {
        Customer(number: number, email: email, mobile: mobile, newsletter: consent)
    }

    @Test("marketing needs consent first, then the channel's address; transactional only the address")
    func verdicts() {
        let sms = MailingAudience(channel: .sms, purpose: .marketing, selection: CustomerSelection())
        #expect(sms.verdict(for: Self.customer("1", consent: true, mobile: "+46701234567")) == .recipient(address: "+46701234567"))
        #expect(sms.verdict(for: Self.customer("2", consent: false, mobile: "+46701234567")) == .excluded(.noConsent))
        #expect(sms.verdict(for: Self.customer("3", consent: false)) == .excluded(.noConsent))
        #expect(sms.verdict(for: Self.customer("4", consent: true, email: "a@b.example", mobile: " ")) == .excluded(.noMobile))

        let mail = MailingAudience(channel: .email, purpose: .transactional, selection: CustomerSelection())
        #expect(mail.verdict(for: Self.customer("5", consent: false, email: "a@b.example")) == .recipient(address: "a@b.example"))
        #expect(mail.verdict(for: Self.customer("6", consent: true, mobile: "+46701234567")) == .excluded(.noEmail))
    }

    @Test("the selection runs without the consent rule, so the preview can count who lacks it")
    func selectionLeavesConsentToTheVerdict() throws {
        var selection = CustomerSelection()
        selection.purpose = .marketing
        let audience = MailingAudience(channel: .sms, purpose: .marketing, selection: selection)
        #expect(audience.selection.effectiveRequiresConsent == false)

        let store = try StoreFixtures.store()
        let chosen = try audience.customers(in: store, filters: nil)
        var consenting = 0, withoutConsent = 0
        try chosen.forEach { batch in
            for (customer, verdict) in batch {
                if verdict == .excluded(.noConsent) { withoutConsent += 1; #expect(!customer.newsletter) } else { consenting += 1 }
            }
        }
        #expect(consenting + withoutConsent == StoreFixtures.register.count)
        #expect(withoutConsent == StoreFixtures.register.filter { !$0.newsletter }.count)
    }

    @Test("an explicit --consent still narrows the selection in SQL")
    func explicitConsent() throws {
        var selection = CustomerSelection()
        selection.requiresConsent = true
        let audience = MailingAudience(channel: .email, purpose: .transactional, selection: selection)
        let store = try StoreFixtures.store()
        var seen = 0
        try audience.customers(in: store, filters: nil).forEach { batch in
            seen += batch.count
            #expect(batch.allSatisfy { $0.customer.newsletter })
        }
        #expect(seen == StoreFixtures.register.filter(\.newsletter).count)
    }
}
