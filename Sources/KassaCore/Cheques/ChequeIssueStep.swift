/// The steps of paying out a batch of cheques, reported to the observer of
/// `LoyaltyStore.issueCheques` as each is done.
///
/// A crash after a step leaves what `LoyaltyStore.issueCheques` describes; tests stop the
/// process at each step to show it.
public enum ChequeIssueStep: String, Sendable, Hashable, CaseIterable {
    /// The voucher file is written and flushed under its hidden name; nothing is committed.
    case staged
    /// Points deducted, cheques and the `pending` batch recorded; the file has no name yet.
    case committed
    /// The file has its name; the batch is not yet marked `written`.
    case published
}
