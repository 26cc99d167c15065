import KassaHTTP

extension HTTPSMSTransport {
    /// How to reach the provider and how it names things.
    public struct Configuration: Sendable, Hashable {
        /// How the message is put in the request body.
        public enum Format: String, Sendable, Hashable, CaseIterable {
            /// `application/x-www-form-urlencoded` (46elks, Twilio).
            case form
            /// A JSON object of strings.
            case json
        }

        /// The names of the three fields in the body.
        public struct FieldNames: Sendable, Hashable {
            /// The sender's field.
            public var from: String
            /// The receiver's field.
            public var to: String
            /// The text's field.
            public var message: String

            /// 46elks' names: `from`, `to`, `message`.
            public static let standard = FieldNames(from: "from", to: "to", message: "message")
            /// Twilio's names: `From`, `To`, `Body`.
            public static let twilio = FieldNames(from: "From", to: "To", message: "Body")

            /// Field names of your choice.
            public init(from: String, to: String, message: String) {
                self.from = from
                self.to = to
                self.message = message
            }
        }

        /// The address messages are posted to (`https://…`, or `http://…` on this machine).
        public var url: String
        /// The basic-authentication login; `nil` sends no `Authorization`.
        public var username: String?
        /// The basic-authentication password.
        public var password: String?
        /// The sender shown on phones; `nil` leaves the field out.
        public var sender: String?
        /// Form (default) or JSON.
        public var format: Format
        /// The names of the fields; 46elks' by default.
        public var fieldNames: FieldNames
        /// The header that carries the idempotency key; `nil` for none.
        public var idempotencyHeader: String?
        /// Timeouts, the body cap and the CA file of the connection.
        public var http: HTTPClient.Configuration

        /// A configuration from its parts; 46elks' form by default.
        public init(url: String, username: String? = nil, password: String? = nil, sender: String? = nil,
                    format: Format = .form, fieldNames: FieldNames = .standard,
                    idempotencyHeader: String? = "Idempotency-Key",
                    http: HTTPClient.Configuration = HTTPClient.Configuration()) {
            self.url = url
            self.username = username
            self.password = password
            self.sender = sender
            self.format = format
            self.fieldNames = fieldNames
            self.idempotencyHeader = idempotencyHeader
            self.http = http
        }
    }
}
