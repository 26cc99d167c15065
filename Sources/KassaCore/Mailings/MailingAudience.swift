/// Who a mailing reaches: the customers its selection chooses, each either a recipient
/// with an address or left out with a reason.
///
/// The selection runs with consent left to this type, so that a marketing mailing can
/// report how many chosen customers it leaves out for lack of consent, rather than hiding
/// them in the query. The rules (SPEC §2, 001): a marketing mailing needs newsletter
/// consent; an SMS needs a mobile number, an e-mail an e-mail address. Consent is checked
/// first, so a customer with neither consent nor address counts as `noConsent`.
public struct MailingAudience {
    /// One customer the selection chose, and what becomes of them.
    public enum Verdict: Sendable, Hashable {
        /// Receives the message at this address (a mobile number or an e-mail address).
        case recipient(address: String)
        /// Receives nothing, for this reason.
        case excluded(MailingExclusion)
    }

    public let channel: Channel
    public let purpose: CustomerSelection.Purpose
    /// The mailing's selection, as the store runs it.
    public let selection: CustomerSelection

    public init(channel: Channel, purpose: CustomerSelection.Purpose, selection: CustomerSelection) {
        self.channel = channel
        self.purpose = purpose
        var candidates = selection
        // Consent is judged per customer below; an explicit --consent still filters in SQL.
        candidates.purpose = .transactional
        self.selection = candidates
    }

    /// The audience of `mailing`.
    public init(_ mailing: Mailing) {
        self.init(channel: mailing.channel, purpose: mailing.purpose, selection: mailing.selection)
    }

    /// What becomes of `customer`.
    public func verdict(for customer: Customer) -> Verdict {
        if purpose == .marketing, !customer.newsletter { return .excluded(.noConsent) }
        switch channel {
        case .sms:
            guard let mobile = Self.present(customer.mobile) else { return .excluded(.noMobile) }
            return .recipient(address: mobile)
        case .email:
            guard let email = Self.present(customer.email) else { return .excluded(.noEmail) }
            return .recipient(address: email)
        }
    }

    /// The chosen customers with their verdicts, in customer-number order and in batches.
    public func customers(
        in store: any CustomerStore, filters: (any CustomerFilterProvider)?, batchSize: Int = 1000
    ) throws -> BatchCursor<(customer: Customer, verdict: Verdict)> {
        try store.select(selection, batchSize: batchSize, filters: filters).map { ($0, verdict(for: $0)) }
    }

    private static func present(_ value: String?) -> String? {
        guard let value, !value.allSatisfy(\.isWhitespace) else { return nil }
        return value
    }
}
