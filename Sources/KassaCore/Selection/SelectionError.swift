/// Why a selection could not be built or run.
///
/// `code` is stable for programs; `message` is a sentence for people that names the
/// criterion and quotes the bad value. Codes may be added; switch over them with a `default`.
public struct SelectionError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure.
    public typealias Code = ErrorCode<SelectionError>

    /// What kind of failure this is.
    public let code: Code
    /// A sentence naming the criterion and the bad value.
    public let message: String
    /// The criterion at fault (`points`), when the failure is about one.
    public let criterion: SelectionCriterion.ID?

    init(_ code: Code, _ message: String, criterion: SelectionCriterion.ID? = nil) {
        self.code = code
        self.message = message
        self.criterion = criterion
    }
}

extension ErrorCode where Domain == SelectionError {
    /// A criterion's value cannot be read (a date that is not `YYYY-MM-DD`, a range that
    /// is not `MIN-MAX`, an unknown `has` or `purpose` word).
    public static var invalidValue: Self { Self("invalid_value") }
    /// A criterion given without the value it needs.
    public static var missingValue: Self { Self("missing_value") }
    /// Criteria that do not go together (filter parameters without `filter`, …).
    public static var conflictingOptions: Self { Self("conflicting_options") }
    /// The selection names a custom filter but no filter provider was given.
    public static var filterUnavailable: Self { Self("filter_unavailable") }
    /// A custom filter answered with the wrong number of verdicts.
    public static var filterMisbehaved: Self { Self("filter_misbehaved") }
}
