/// Why a selection could not be built or run.
///
/// `code` is stable for programs; `message` is a sentence for people that names the
/// criterion and quotes the bad value. Codes may be added; switch over them with a `default`.
public struct SelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A criterion's value cannot be read (a date that is not `YYYY-MM-DD`, a range that
        /// is not `MIN-MAX`, an unknown `has` or `purpose` word).
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// A criterion given without the value it needs.
        public static let missingValue = Code(rawValue: "missing_value")
        /// Criteria that do not go together (filter parameters without `filter`, …).
        public static let conflictingOptions = Code(rawValue: "conflicting_options")
        /// The selection names a custom filter but no filter provider was given.
        public static let filterUnavailable = Code(rawValue: "filter_unavailable")
        /// A custom filter answered with the wrong number of verdicts.
        public static let filterMisbehaved = Code(rawValue: "filter_misbehaved")
    }

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

    public var description: String { message }
}
