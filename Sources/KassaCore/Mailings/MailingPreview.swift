/// Every message a mailing would send, rendered, with the SMS cost of each and the totals:
/// what the source product admits it cannot do (001: the character count ignores variables).
///
/// The preview renders every recipient's message exactly as sending will. A message that
/// cannot be rendered (a placeholder without a value and no fallback, a Lua error) is
/// reported for that recipient and counted as failed; the preview goes on, so one run shows
/// every problem before anything is sent.
public struct MailingPreview {
    /// One chosen customer's outcome in the preview.
    public struct Message: Sendable, Hashable, Codable {
        public var customer: String
        /// The mobile number or e-mail address; `nil` when excluded.
        public var address: String?
        /// Why the customer receives nothing; `nil` for recipients.
        public var excluded: MailingExclusion?
        public var subject: String?
        public var text: String?
        public var html: String?
        /// The SMS cost of `text`, for SMS mailings.
        public var sms: SMSMeasurement?
        /// Why the message cannot be rendered; `nil` when it rendered.
        public var error: String?
    }

    /// The sums over the whole preview.
    public struct Totals: Sendable, Hashable, Codable {
        /// Customers the selection chose.
        public var selected = 0
        /// Customers who would receive a message (rendered or not).
        public var recipients = 0
        /// Chosen customers left out, by reason (`no_consent`, `no_mobile`, `no_email`).
        public var excluded: [String: Int] = [:]
        /// Messages rendered.
        public var rendered = 0
        /// Messages that failed to render.
        public var failed = 0
        /// SMS segments over all rendered SMS.
        public var segments = 0
        /// Rendered SMS by encoding ("GSM-7", "UCS-2").
        public var encodings: [String: Int] = [:]
        /// Rendered SMS that contain line breaks.
        public var withLineBreaks = 0
        /// `segments` times the price per segment, when one is configured.
        public var cost: Double?

        public var excludedCount: Int { excluded.values.reduce(0, +) }

        enum CodingKeys: String, CodingKey {
            case selected, recipients, excluded, rendered, failed, segments, encodings
            case withLineBreaks = "line_breaks"
            case cost
        }
    }

    public let channel: Channel
    public let composer: any MessageComposer
    /// Counts SMS; required for SMS mailings.
    public let meter: (any SMSMeter)?

    public init(channel: Channel, composer: any MessageComposer, meter: (any SMSMeter)?) {
        self.channel = channel
        self.composer = composer
        self.meter = meter
    }

    /// Renders the message of every customer in the outbox of `mailing` (its snapshot) in
    /// customer-number order, hands each to `each` (excluded customers too, so a report can
    /// list them), and returns the totals. Customers are read from the register as they are
    /// now, as sending will read them. `states` limits it to the rows in those states (a
    /// sender checks those it is about to send).
    @discardableResult
    public func run(
        _ mailing: Int64, outbox: any MailingStore, customers: any CustomerStore, states: [OutboxState]? = nil,
        each: (Message) throws -> Void
    ) throws -> Totals {
        var totals = Totals()
        var after: String?
        while true {
            let entries = try outbox.entries(of: mailing, states: states, after: after, limit: 1_000)
            guard let last = entries.last else { break }
            after = last.customerNumber
            let found = try customers.customers(numbers: entries.filter { $0.state != .excluded }.map(\.customerNumber))
            let byNumber = Dictionary(found.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
            for entry in entries {
                let message: Message
                if entry.state == .excluded {
                    var excluded = Message(customer: entry.customerNumber)
                    excluded.excluded = MailingExclusion(rawValue: entry.reason ?? "")
                    message = excluded
                } else if let customer = byNumber[entry.customerNumber] {
                    message = preview(customer, .recipient(address: entry.address ?? ""))
                } else {
                    var gone = Message(customer: entry.customerNumber)
                    gone.address = entry.address
                    gone.error = "Customer \(entry.customerNumber) is no longer in the register."
                    message = gone
                }
                totals.add(message)
                try each(message)
            }
        }
        return totals
    }

    /// The preview of one customer with its verdict.
    public func preview(_ customer: Customer, _ verdict: MailingAudience.Verdict) -> Message {
        var message = Message(customer: customer.number)
        switch verdict {
        case .excluded(let reason):
            message.excluded = reason
        case .recipient(let address):
            message.address = address
            do {
                let rendered = try composer.compose(customer)
                message.subject = rendered.subject
                message.text = rendered.text
                message.html = rendered.html
                if channel == .sms, let meter {
                    message.sms = meter.measure(rendered.text ?? "")
                }
            } catch {
                message.error = "\(error)"
            }
        }
        return message
    }
}

extension MailingPreview.Message {
    init(customer: String) {
        self.customer = customer
    }
}

extension MailingPreview.Totals {
    mutating func add(_ message: MailingPreview.Message) {
        selected += 1
        if let reason = message.excluded {
            excluded[reason.rawValue, default: 0] += 1
            return
        }
        recipients += 1
        guard message.error == nil else {
            failed += 1
            return
        }
        rendered += 1
        if let sms = message.sms {
            segments += sms.segments
            encodings[sms.encoding, default: 0] += 1
            if sms.hasLineBreaks { withLineBreaks += 1 }
            if let price = sms.cost { cost = (cost ?? 0) + price }
        }
    }
}
