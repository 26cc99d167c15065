/// The customer register: where customers, their vehicles, cards, contact addresses and
/// attributes, and the manual selection ("marks") are kept.
///
/// `SQLiteCustomerStore` (in KassaSQLite) is the embedded implementation; a PostgreSQL
/// store can implement the same protocol without changing its callers. Implementations
/// compile the built-in criteria of a `CustomerSelection` to their query language; the
/// custom filter is applied by the extension methods below (`select`, `count`, `numbers`),
/// the same way for every store.
///
/// The methods are synchronous: the Lua host calls the store from inside a script call on
/// the script's own thread, and the command line is a short-lived process. Do not call
/// the store from inside the feed of `upsert(_:)`: a store may hold its write lock there.
public protocol CustomerStore: Sendable {
    /// Inserts or replaces `customers` in one transaction: all of them or, if one fails,
    /// none. A stored customer with the same number is replaced whole, vehicles, cards,
    /// contact e-mails and attributes included; its marks stay.
    @discardableResult
    func upsert(_ customers: [Customer]) throws -> UpsertSummary

    /// Inserts or updates every customer that `feed` hands to its writer, all in one
    /// transaction: when `feed` or any write throws, nothing is written. A new customer is
    /// inserted whole; over a stored customer with the same number only `parts` are
    /// written, the rest of it stays (its marks too).
    ///
    /// This is the bulk import: feed chunks of a few thousand customers as they are read
    /// or generated, so a million customers never sit in memory at once.
    @discardableResult
    func upsert(writing parts: CustomerParts, _ feed: (any CustomerWriter) throws -> Void) throws -> UpsertSummary

    /// What `upsert(writing:_:)` would do with the customers `feed` hands to its writer,
    /// counted part by part; nothing is written. The writer checks the customers as the
    /// upsert's would, and throws what it would throw.
    func previewUpsert(writing parts: CustomerParts, _ feed: (any CustomerWriter) throws -> Void) throws -> UpsertPreview

    /// The customer with this number, or `nil`.
    func customer(number: String) throws -> Customer?

    /// The customers with these numbers that are in the register, in customer-number order
    /// (numbers not found are left out).
    func customers(numbers: [String]) throws -> [Customer]

    /// How many customers the register holds.
    func count() throws -> Int

    /// How many customers meet the built-in criteria of `selection` (its custom filter is
    /// ignored here; see `count(_:filters:)`).
    func countMatchingCriteria(_ selection: CustomerSelection) throws -> Int

    /// The customers meeting the built-in criteria of `selection`, in customer-number
    /// order, in batches of at most `batchSize` (its custom filter is ignored here; see
    /// `select(_:batchSize:filters:)`). Without `lists`, the customers come without their
    /// contact e-mails, vehicles, cards and attributes, which cost more to read than the
    /// rest of them (`customers(numbers:)` reads them whole).
    func selectMatchingCriteria(_ selection: CustomerSelection, batchSize: Int, lists: Bool) throws -> CustomerBatches

    /// The numbers of the customers meeting the built-in criteria of `selection`, in
    /// customer-number order, in batches of at most `batchSize`.
    func numbersMatchingCriteria(_ selection: CustomerSelection, batchSize: Int) throws -> CustomerNumberBatches

    /// Adds customers to the manual selection. Throws `StoreError` with code
    /// `unknownCustomers`, naming every unknown number, and marks none when any number is
    /// unknown. Returns how many were not marked before.
    @discardableResult
    func mark(_ numbers: [String]) throws -> Int

    /// Removes customers from the manual selection, with the same rule for unknown numbers
    /// as `mark`. Returns how many were marked before.
    @discardableResult
    func unmark(_ numbers: [String]) throws -> Int

    /// Empties the manual selection (ALT+R in 003). Returns how many marks were removed.
    @discardableResult
    func resetMarks() throws -> Int

    /// The numbers in the manual selection, in customer-number order.
    func markedNumbers() throws -> [String]
}

/// Receives the customers of a bulk upsert (`CustomerStore.upsert(_:)` with a feed).
public protocol CustomerWriter {
    /// Writes `customers` inside the upsert's transaction and returns what it did.
    @discardableResult
    func write(_ customers: [Customer]) throws -> UpsertSummary
}

extension CustomerStore {
    /// Inserts or replaces whole every customer that `feed` hands to its writer, in one
    /// transaction: `upsert(writing: .whole, feed)`.
    @discardableResult
    public func upsert(_ feed: (any CustomerWriter) throws -> Void) throws -> UpsertSummary {
        try upsert(writing: .whole, feed)
    }

    /// The customers that `selection` chooses, in customer-number order, in batches.
    ///
    /// Built-in criteria are applied by the store; when the selection names a custom
    /// filter, `filters` provides it and it is run on each batch the store produced. A
    /// batch then holds at most `batchSize` customers and may hold fewer. Throws
    /// `SelectionError` with code `filterUnavailable` when the selection names a filter and
    /// `filters` is `nil`.
    public func select(
        _ selection: CustomerSelection, batchSize: Int = 1000, filters: (any CustomerFilterProvider)? = nil
    ) throws -> CustomerBatches {
        try select(selection, batchSize: batchSize, filters: filters, lists: true)
    }

    /// `select(_:batchSize:filters:)`; without `lists` when the caller needs only what the
    /// customers' rows hold (their numbers, a count).
    ///
    /// A custom filter gets its candidates without their lists: most filters read a few
    /// fields of the row, and the lists cost more to read than the rest of the customer. A
    /// filter that reads one has its whole batch read again with them, once.
    func select(
        _ selection: CustomerSelection, batchSize: Int, filters: (any CustomerFilterProvider)?, lists: Bool
    ) throws -> CustomerBatches {
        guard let filter = try Self.customFilter(of: selection, from: filters) else {
            return try selectMatchingCriteria(selection, batchSize: batchSize, lists: lists)
        }
        let candidates = try selectMatchingCriteria(selection, batchSize: batchSize, lists: false)
        let name = selection.customFilter?.name ?? ""
        return CustomerBatches {
            guard let batch = try candidates.next() else { return nil }
            var whole: [Customer]?
            let verdicts = try filter.matches(batch, whole: {
                if let whole { return whole }
                let read = try self.withLists(batch)
                whole = read
                return read
            })
            guard verdicts.count == batch.count else {
                throw SelectionError(
                    .filterMisbehaved,
                    "The custom filter \"\(name)\" answered \(verdicts.count) times for \(batch.count) customers.")
            }
            let chosen = zip(whole ?? batch, verdicts).compactMap { $1 ? $0 : nil }
            guard lists, whole == nil else { return chosen }
            return try self.withLists(chosen)
        }
    }

    /// `customers` read again with their lists, in the same order. One deleted meanwhile
    /// stays as it was given, so that positions keep matching.
    func withLists(_ customers: [Customer]) throws -> [Customer] {
        guard !customers.isEmpty else { return [] }
        let read = try self.customers(numbers: customers.map(\.number))
        let byNumber = Dictionary(read.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return customers.map { byNumber[$0.number] ?? $0 }
    }

    /// How many customers `selection` chooses. Without a custom filter this is one
    /// counting query; with one, the candidates are streamed through the filter.
    public func count(_ selection: CustomerSelection, filters: (any CustomerFilterProvider)? = nil) throws -> Int {
        guard selection.customFilter != nil else { return try countMatchingCriteria(selection) }
        var total = 0
        try select(selection, batchSize: 1000, filters: filters, lists: false).forEach { total += $0.count }
        return total
    }

    /// The numbers of the customers `selection` chooses, in customer-number order, in
    /// batches of at most `batchSize`.
    public func numbers(
        _ selection: CustomerSelection, batchSize: Int = 1000, filters: (any CustomerFilterProvider)? = nil
    ) throws -> CustomerNumberBatches {
        guard selection.customFilter != nil else {
            return try numbersMatchingCriteria(selection, batchSize: batchSize)
        }
        return try select(selection, batchSize: batchSize, filters: filters, lists: false).map(\.number)
    }

    private static func customFilter(
        of selection: CustomerSelection, from filters: (any CustomerFilterProvider)?
    ) throws -> (any CustomerFilter)? {
        guard let reference = selection.customFilter else { return nil }
        guard let filters else {
            throw SelectionError(
                .filterUnavailable,
                "The selection uses the custom filter \"\(reference.name)\", but no filters are loaded to run it.",
                criterion: .filter)
        }
        return try filters.filter(named: reference.name, parameters: reference.parameters)
    }
}
