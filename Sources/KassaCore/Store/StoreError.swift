/// Why the customer store refused or failed an operation.
///
/// `code` is stable for programs; `message` is a sentence for people and names the bad
/// value. Codes may be added; switch over them with a `default`.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Customer numbers that are not in the register (mark, unmark).
        public static let unknownCustomers = Code(rawValue: "unknown_customers")
        /// A customer that cannot be stored as given (empty number, number too long, …).
        public static let invalidCustomer = Code(rawValue: "invalid_customer")
        /// An argument outside what the operation accepts (a batch size of zero, …).
        public static let invalidArgument = Code(rawValue: "invalid_argument")
        /// The database could not be opened, migrated, read or written.
        public static let database = Code(rawValue: "database")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence that names the bad value.
    public let message: String
    /// The customer numbers the failure is about, when it is about some (`unknownCustomers`).
    public let numbers: [String]

    package init(_ code: Code, _ message: String, numbers: [String] = []) {
        self.code = code
        self.message = message
        self.numbers = numbers
    }

    public var description: String { message }

    package static func unknownCustomers(_ numbers: [String]) -> StoreError {
        let shown = numbers.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
        let more = numbers.count > 10 ? " and \(numbers.count - 10) more" : ""
        let message = numbers.count == 1
            ? "There is no customer with number \(shown)."
            : "There are no customers with numbers \(shown)\(more)."
        return StoreError(.unknownCustomers, message, numbers: numbers)
    }

    package static func invalidCustomer(at index: Int, _ problem: String) -> StoreError {
        StoreError(.invalidCustomer, "Customer \(index + 1) of the batch \(problem).")
    }
}
