/// Why a customer card cannot be ordered, scheduled or submitted, or a loyalty programme
/// is not valid.
///
/// `code` is stable for programs (the CLI prompts for a template on `template_required`);
/// `message` is a sentence for people that quotes the bad value. Codes may be added;
/// switch over them with a `default`.
public struct CardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No order service is configured (`[cards] provider = "none"`): only a request for
        /// information can be made.
        public static let noOrderService = Code(rawValue: "no_order_service")
        /// `[cards]` has no templates, so nothing can be ordered.
        public static let noTemplates = Code(rawValue: "no_templates")
        /// Several templates exist and none was chosen; `choices` lists them.
        public static let templateRequired = Code(rawValue: "template_required")
        /// The chosen template does not exist; `choices` lists the known ones.
        public static let unknownTemplate = Code(rawValue: "unknown_template")
        /// A template's cost is negative or has more than two decimals.
        public static let invalidCost = Code(rawValue: "invalid_cost")
        /// The order service requires a validity date and none was given.
        public static let validityRequired = Code(rawValue: "validity_required")
        /// The validity date is before today.
        public static let validityInPast = Code(rawValue: "validity_in_past")
        /// The card would expire before it is dispatched.
        public static let validityBeforeDispatch = Code(rawValue: "validity_before_dispatch")
        /// No working day was found within the search limit (the holidays cover it all).
        public static let noWorkingDay = Code(rawValue: "no_working_day")
        /// An order batch was submitted without orders.
        public static let emptyBatch = Code(rawValue: "empty_batch")
        /// An order file could not be written; nothing of the batch was left behind.
        public static let writeFailed = Code(rawValue: "write_failed")
        /// An order file of the same name exists already; it was left untouched.
        public static let fileExists = Code(rawValue: "file_exists")
        /// A loyalty programme lacks what its kind needs, or has a value out of range.
        public static let invalidProgramme = Code(rawValue: "invalid_programme")
        /// The configured order service cannot be used by this Kassa (`provider = "http"`
        /// before its client exists).
        public static let providerUnavailable = Code(rawValue: "provider_unavailable")
        /// The order service answered that it will not take the order (HTTP 4xx).
        public static let providerRefused = Code(rawValue: "provider_refused")
        /// The order went to the order service and no answer came; it is recorded as
        /// `unknown` and `kassa cards retry` asks again with the same `Idempotency-Key`.
        public static let outcomeUnknown = Code(rawValue: "outcome_unknown")
        /// Only an order whose outcome is unknown is sent again (`kassa cards retry`).
        public static let notRetryable = Code(rawValue: "not_retryable")
        /// No customer has the number the order or listing names.
        public static let unknownCustomer = Code(rawValue: "unknown_customer")
        /// The customer has no card of the number given.
        public static let unknownCard = Code(rawValue: "unknown_card")
        /// The order was checked but could not be recorded or updated in the database.
        public static let database = Code(rawValue: "database")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence naming the bad value, quoted.
    public let message: String
    /// The names to choose from, for `template_required` and `unknown_template`; else empty.
    public let choices: [String]

    public init(_ code: Code, _ message: String, choices: [String] = []) {
        self.code = code
        // Every message is a sentence; the period is added here so no call site forgets it.
        self.message = message.hasSuffix(".") ? message : message + "."
        self.choices = choices
    }

    public var description: String { message }

    /// `text` in double quotes with `"` and `\` escaped, so spaces and empty values show.
    public static func quoted(_ text: String) -> String {
        ChequeError.quoted(text)
    }
}
