/// Where loyalty payouts and card orders are recorded: value cheques and their batches,
/// card orders, and the cards and programmes on the customers.
///
/// `SQLiteLoyaltyStore` (in KassaSQLite) keeps them in the customer register's SQLite
/// file, so paying out points and recording the cheques, or recording an order and the
/// customer's new card, are one transaction. Callers work through `ChequeService` and
/// `CardOrderService`.
public protocol LoyaltyStore: Sendable {
    // MARK: Cheques

    /// Pays out the customers `numbers` names and records it, all or nothing.
    ///
    /// In one transaction: re-reads each customer, works out the one cheque their points
    /// are worth now (`rule`), numbers the cheques, writes the voucher file under a hidden
    /// name in `directory` and flushes it, deducts the points and records the cheques and
    /// the batch as `pending`. Only after the commit does the file get its name `file`; then
    /// the batch is `written`. `observe` is called after each of those steps.
    ///
    /// What that guarantees:
    /// - The file cannot be written (folder missing or read-only, disk full): the
    ///   transaction rolls back; nothing is deducted, nothing recorded, no file appears.
    /// - A crash before the commit: as if the run never happened (the hidden file is
    ///   removed by the next run).
    /// - A crash after the commit: the points are deducted and every cheque is recorded in
    ///   a `pending` batch; the next issue writes the file again from those records.
    ///   So no customer is paid without a record, and none loses points without a cheque.
    /// - Deducting the points is what makes a second run for the same customers pay
    ///   nothing twice: their points are no longer worth a cheque.
    ///
    /// Customers whose points are not worth a cheque, who have no e-mail address, or who
    /// are no longer in the register are left out and named in the result.
    ///
    /// - Throws: `ChequeError` `file_exists` (a file of that name is in the folder),
    ///   `write_failed`, `pending_batch` (a pending batch must be completed first),
    ///   `publish_failed` (recorded, but the file could not be named; the batch stays
    ///   pending), `database`; or what `encoder` or `observe` throw, rolling back when it
    ///   is before the commit.
    func issueCheques(to numbers: [String], rule: ChequeRule, on date: CalendarDate, file: VoucherFileName,
                      directory: String, encoder: any VoucherFileEncoder,
                      observe: (ChequeIssueStep) throws -> Void) throws -> ChequeIssue

    /// Writes the voucher file of every `pending` batch again from its recorded cheques and
    /// marks the batch `written`; returns the batches completed. A file already in place
    /// with exactly those bytes counts as written.
    ///
    /// - Throws: `ChequeError` `pending_batch` when a file of the batch's name is there with
    ///   other contents or cannot be written; the batch then stays pending.
    func completePendingBatches(encoder: any VoucherFileEncoder) throws -> [ChequeBatch]

    /// Every batch, newest first.
    func chequeBatches() throws -> [ChequeBatch]

    /// The cheques recorded, oldest first; only those of one batch when `batch` is given.
    func issuedCheques(batch: Int64?) throws -> [IssuedCheque]

    // MARK: Card orders

    /// Records a checked order and puts its card, numbered `PlacedCardOrder.reference`, on
    /// the customer's cards with status `ordered`, in one transaction.
    ///
    /// - Throws: `CardError` `unknown_customer`, `database`.
    func recordCardOrder(_ order: CardOrder) throws -> PlacedCardOrder

    /// Marks a recorded order, and its card, `submitted`, keeping the service's receipt.
    ///
    /// - Throws: `CardError` `database`.
    func markCardOrderSubmitted(_ id: Int64, receipt: CardOrderReceipt) throws -> PlacedCardOrder

    /// Marks a recorded order, and its card, `unknown`: it went to the order service and
    /// no answer came. `sent` is the batch as it went out, for a retry with the same id.
    ///
    /// - Throws: `CardError` `database`.
    func markCardOrderUnknown(_ id: Int64, sent: CardOrderReceipt) throws -> PlacedCardOrder

    /// Removes a recorded order and its card again: the order service did not take it.
    ///
    /// - Throws: `CardError` `database`.
    func withdrawCardOrder(_ id: Int64) throws

    /// The orders recorded for a customer, oldest first.
    func cardOrders(customerNumber: String) throws -> [PlacedCardOrder]

    /// Attaches a loyalty programme to one of a customer's cards; returns the card.
    ///
    /// - Throws: `CardError` `unknown_customer`, `unknown_card`, `database`.
    func attachProgramme(_ programme: LoyaltyProgramme, toCard cardNumber: String, of customerNumber: String) throws -> CustomerCard
}
