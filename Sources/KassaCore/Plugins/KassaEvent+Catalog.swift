import Foundation

/// The events Kassa emits, and how each is made from the fact it reports. `kassa.on` accepts
/// only these names, and the API reference documents them from this list.
extension KassaEvent {
    /// An event Kassa emits: when, and what its handlers get.
    public struct Kind: Sendable, Hashable {
        /// A field of the event's table.
        public struct Field: Sendable, Hashable {
            public var name: String
            /// A LuaLS type: `string`, `integer`, `string?` for a field that may be missing.
            public var type: String
            public var summary: String

            init(_ name: String, _ type: String, _ summary: String) {
                self.name = name
                self.type = type
                self.summary = summary
            }
        }

        /// `card.ordered`.
        public var name: String
        /// When it fires, one or two sentences.
        public var summary: String
        /// What a failing handler leaves standing, for its log line: "the card order".
        public var fact: String
        public var fields: [Field]
    }

    /// Every event, in the order the reference lists them.
    public static let kinds: [Kind] = [
        Kind(
            name: "card.ordered",
            summary: "After a card order is recorded on the customer and handed to the order service (`kassa cards order`, `kassa.cards.order`).",
            fact: "the card order",
            fields: [
                .init("customer", "string", "The customer number."),
                .init("card_number", "string", "The new card's number."),
                .init("template", "string", "The card template."),
                .init("cost", "string", "What the card costs, `\"12.50\"`."),
                .init("order_date", "string", "The day of the order, `YYYY-MM-DD`."),
                .init("dispatch_date", "string", "The expected dispatch day, `YYYY-MM-DD`."),
                .init("valid_until", "string?", "The last day the card may be used, when one was given."),
                .init("status", "string", "The order's status, e.g. `submitted`."),
                .init("comment", "string?", "The comment for the order service, when one was given."),
            ]),
        Kind(
            name: "cheque.issued",
            summary: "Once per cheque, after a pay-out is committed and its voucher file written (`kassa cheques issue`).",
            fact: "the cheque",
            fields: [
                .init("customer", "string", "The customer paid."),
                .init("cheque", "string", "The cheque's number."),
                .init("value", "string", "What the cheque is worth, `\"15.00\"`."),
                .init("points", "integer", "The points deducted."),
                .init("email", "string", "The address the cheque goes to."),
                .init("batch", "integer", "The pay-out (batch) number."),
                .init("file", "string", "The voucher file's name, `KADO1125.CSV`."),
            ]),
        Kind(
            name: "customer.imported",
            summary: "Once per file, after an import is committed (`kassa customers import`). A rejected file imports nothing and fires nothing.",
            fact: "the import",
            fields: [
                .init("file", "string", "The file as it was named."),
                .init("inserted", "integer", "Customers added."),
                .init("updated", "integer", "Customers already in the register whose columns in the file were written."),
            ]),
        Kind(
            name: "mailing.sent",
            summary: "After each run of `kassa mailing send` (or the UtskickUtskrift2 menu), once the run's outcomes are recorded in the outbox; the counts are this run's.",
            fact: "the mailing run",
            fields: [
                .init("mailing", "integer", "The mailing's number."),
                .init("channel", "string", "`sms` or `email`."),
                .init("sent", "integer", "Messages sent by this run."),
                .init("failed", "integer", "Messages this run gave up as failed."),
                .init("retry", "integer", "Messages waiting for a retry."),
                .init("unknown", "integer", "Messages whose outcome this run could not learn."),
                .init("status", "string", "The mailing's status after the run: `finished`, `sending` or `stopped`."),
            ]),
        Kind(
            name: "message.failed",
            summary: "For each message a mailing run gave up as failed, after the run (the failure is recorded in the outbox first), before `mailing.sent`.",
            fact: "the recorded failure",
            fields: [
                .init("mailing", "integer", "The mailing's number."),
                .init("channel", "string", "`sms` or `email`."),
                .init("customer", "string", "The customer number."),
                .init("address", "string?", "The mobile number or e-mail address it was for."),
                .init("reason", "string", "Why it failed."),
            ]),
    ]

    /// The event called `name`, if Kassa emits one.
    public static func kind(named name: String) -> Kind? {
        kinds.first { $0.name == name }
    }

    /// `card.ordered, cheque.issued, ...`, for messages listing what there is.
    public static var knownNames: String {
        kinds.map(\.name).sorted().joined(separator: ", ")
    }

    // MARK: The events, from their facts

    /// `card.ordered` for an order that was placed.
    public static func cardOrdered(_ placed: PlacedCardOrder) -> KassaEvent {
        let order = placed.order
        var payload: [String: ParameterValue] = [
            "customer": .string(order.customerNumber), "card_number": .string(placed.cardNumber),
            "template": .string(order.template), "cost": .string(order.cost.description),
            "order_date": .date(order.orderDate), "dispatch_date": .date(order.dispatchDate),
            "status": .string(order.status.rawValue),
        ]
        if let validUntil = order.validUntil { payload["valid_until"] = .date(validUntil) }
        if let comment = order.comment { payload["comment"] = .string(comment) }
        return KassaEvent(name: "card.ordered", payload: payload)
    }

    /// `cheque.issued` for a cheque of a committed pay-out.
    public static func chequeIssued(_ cheque: IssuedCheque) -> KassaEvent {
        KassaEvent(name: "cheque.issued", payload: [
            "customer": .string(cheque.customerNumber), "cheque": .string(cheque.number.description),
            "value": .string(cheque.value.description), "points": .integer(cheque.pointsUsed),
            "email": .string(cheque.email), "batch": .integer(Int(cheque.batchID)), "file": .string(cheque.fileName),
        ])
    }

    /// `customer.imported` for a committed import of `file`.
    public static func customerImported(file: String, summary: UpsertSummary) -> KassaEvent {
        KassaEvent(name: "customer.imported", payload: [
            "file": .string(file), "inserted": .integer(summary.inserted), "updated": .integer(summary.updated),
        ])
    }

    /// `mailing.sent` for a finished run of a mailing on `channel`.
    public static func mailingSent(_ report: SendReport, channel: Channel) -> KassaEvent {
        KassaEvent(name: "mailing.sent", payload: [
            "mailing": .integer(Int(report.mailing)), "channel": .string(channel.rawValue),
            "sent": .integer(report.sent), "failed": .integer(report.failed), "retry": .integer(report.retry),
            "unknown": .integer(report.unknown), "status": .string(report.status.rawValue),
        ])
    }

    /// `message.failed` for an outbox row recorded as failed.
    public static func messageFailed(_ entry: OutboxEntry, mailing: Int64, channel: Channel) -> KassaEvent {
        var payload: [String: ParameterValue] = [
            "mailing": .integer(Int(mailing)), "channel": .string(channel.rawValue),
            "customer": .string(entry.customerNumber), "reason": .string(entry.reason ?? "no reason was recorded"),
        ]
        if let address = entry.address { payload["address"] = .string(address) }
        return KassaEvent(name: "message.failed", payload: payload)
    }
}
