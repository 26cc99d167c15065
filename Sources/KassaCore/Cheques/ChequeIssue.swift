/// What one pay-out did: the batch it recorded and wrote, its cheques, and the customers
/// it left out.
///
/// JSON: `batch` (a `ChequeBatch`, or null), `currency`, `cheques` (`IssuedCheque`s), `skipped`,
/// `without_email` and `other_country` (customer numbers), `completed` (`ChequeBatch`es).
public struct ChequeIssue: Sendable, Hashable, Codable {
    /// The batch, or `nil` when no customer was payable (then no file was written).
    public var batch: ChequeBatch?
    /// The cheques paid, in customer-number order.
    public var cheques: [IssuedCheque]
    /// Customers chosen but not paid, because at the moment of issue their points were not
    /// worth a cheque, they had no e-mail address, or they were no longer in the register.
    public var skipped: [String]
    /// Chosen customers whose points are worth a cheque but who have no e-mail address:
    /// not paid by this run, they stay on the list for the post (`kassa cheques remaining`).
    public var withoutEmail: [String]
    /// Chosen customers whose points are worth a cheque but who live outside the shop's
    /// country: not paid, see `ChequeRule.country`.
    public var otherCountry: [String] = []
    /// The ISO code of the currency of every amount; `nil` for a rule without one.
    public var currency: String?
    /// Batches an interrupted earlier run left pending, completed before this one.
    public var completed: [ChequeBatch]

    /// A result from its parts.
    public init(batch: ChequeBatch?, cheques: [IssuedCheque], skipped: [String], withoutEmail: [String] = [],
                completed: [ChequeBatch] = []) {
        self.batch = batch
        self.cheques = cheques
        self.skipped = skipped
        self.withoutEmail = withoutEmail
        self.completed = completed
    }

    private enum CodingKeys: String, CodingKey {
        case batch, currency, cheques, skipped
        case withoutEmail = "without_email"
        case otherCountry = "other_country"
        case completed
    }
}
