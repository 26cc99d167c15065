/// Why a customer card cannot be ordered, scheduled or submitted, or a loyalty programme
/// is not valid.
///
/// `code` is stable for programs (the CLI prompts for a template on `template_required`);
/// `message` is a sentence for people that quotes the bad value. Codes may be added;
/// switch over them with a `default`.
public struct CardError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure.
    public typealias Code = ErrorCode<CardError>

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

    /// `text` in double quotes with `"` and `\` escaped, so spaces and empty values show.
    public static func quoted(_ text: String) -> String {
        ChequeError.quoted(text)
    }
}

extension ErrorCode where Domain == CardError {
    /// No order service is configured (`[cards] provider = "none"`): only a request for
    /// information can be made.
    public static var noOrderService: Self { Self("no_order_service") }
    /// `[cards]` has no templates, so nothing can be ordered.
    public static var noTemplates: Self { Self("no_templates") }
    /// Several templates exist and none was chosen; `choices` lists them.
    public static var templateRequired: Self { Self("template_required") }
    /// The chosen template does not exist; `choices` lists the known ones.
    public static var unknownTemplate: Self { Self("unknown_template") }
    /// A template's cost is negative or has more than two decimals.
    public static var invalidCost: Self { Self("invalid_cost") }
    /// The order service requires a validity date and none was given.
    public static var validityRequired: Self { Self("validity_required") }
    /// The validity date is before today.
    public static var validityInPast: Self { Self("validity_in_past") }
    /// The card would expire before it is dispatched.
    public static var validityBeforeDispatch: Self { Self("validity_before_dispatch") }
    /// No working day was found within the search limit (the holidays cover it all).
    public static var noWorkingDay: Self { Self("no_working_day") }
    /// An order batch was submitted without orders.
    public static var emptyBatch: Self { Self("empty_batch") }
    /// An order file could not be written; nothing of the batch was left behind.
    public static var writeFailed: Self { Self("write_failed") }
    /// An order file of the same name exists already; it was left untouched.
    public static var fileExists: Self { Self("file_exists") }
    /// A loyalty programme lacks what its kind needs, or has a value out of range.
    public static var invalidProgramme: Self { Self("invalid_programme") }
    /// The configured order service cannot be used by this Kassa (`provider = "http"`
    /// before its client exists).
    public static var providerUnavailable: Self { Self("provider_unavailable") }
    /// The order service answered that it will not take the order (HTTP 4xx).
    public static var providerRefused: Self { Self("provider_refused") }
    /// The order went to the order service and no answer came; it is recorded as
    /// `unknown` and `kassa cards retry` asks again with the same `Idempotency-Key`.
    public static var outcomeUnknown: Self { Self("outcome_unknown") }
    /// Only an order whose outcome is unknown is sent again (`kassa cards retry`).
    public static var notRetryable: Self { Self("not_retryable") }
    /// No customer has the number the order or listing names.
    public static var unknownCustomer: Self { Self("unknown_customer") }
    /// The customer has no card of the number given.
    public static var unknownCard: Self { Self("unknown_card") }
    /// The order was checked but could not be recorded or updated in the database.
    public static var database: Self { Self("database") }
}
