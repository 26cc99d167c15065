extension FileSMSTransport {
    /// One line of an SMS outbox file.
    public struct Record: Sendable, Hashable, Codable {
        /// When it was written, `YYYY-MM-DDTHH:MM:SSZ`.
        public var time: String
        /// The mobile number.
        public var to: String
        /// The sender (`[sms] sender`), or `nil`.
        public var from: String?
        /// The text as sent.
        public var text: String
        /// `GSM-7` or `UCS-2`.
        public var encoding: String
        /// How many SMS the text is.
        public var segments: Int
        /// The mailing's id; `nil` for a test send.
        public var mailing: Int64?
        /// The customer number.
        public var customer: String
        /// The (mailing, customer) key: a line with a key seen before is a resend.
        public var idempotencyKey: String

        /// A record from its fields.
        public init(time: String, to: String, from: String?, text: String, encoding: String, segments: Int,
                    mailing: Int64?, customer: String, idempotencyKey: String) {
            self.time = time
            self.to = to
            self.from = from
            self.text = text
            self.encoding = encoding
            self.segments = segments
            self.mailing = mailing
            self.customer = customer
            self.idempotencyKey = idempotencyKey
        }

        enum CodingKeys: String, CodingKey {
            case time, to, from, text, encoding, segments, mailing, customer
            case idempotencyKey = "idempotency_key"
        }

        /// Every key on every line, `null` for a missing sender or mailing, so that lines
        /// read the same in any tool.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(time, forKey: .time)
            try container.encode(to, forKey: .to)
            try container.encode(from, forKey: .from)
            try container.encode(text, forKey: .text)
            try container.encode(encoding, forKey: .encoding)
            try container.encode(segments, forKey: .segments)
            try container.encode(mailing, forKey: .mailing)
            try container.encode(customer, forKey: .customer)
            try container.encode(idempotencyKey, forKey: .idempotencyKey)
        }
    }
}
