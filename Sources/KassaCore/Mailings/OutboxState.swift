/// Where one recipient of a mailing stands: the outbox is the truth about what was sent.
///
/// A message moves `pending` → `committing` → `sent` | `failed` | `retry` | `unknown`, each
/// step recorded before the next is taken. `committing` is written when the transport
/// reaches its commit point (see `MessageTransport`): a sender that dies there leaves the
/// row `committing`, which the next sender turns into `unknown`, never back into `pending`.
public enum OutboxState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Chosen by the selection but receives nothing (no consent, no address); `reason` says why.
    case excluded
    /// Not sent yet.
    case pending
    /// Handed to the transport past its commit point; the answer is not recorded yet.
    case committing
    /// Taken by the server or provider.
    case sent
    /// Never deliverable as it is; `reason` says why.
    case failed
    /// Failed for now; tried again after `nextAttemptAt`.
    case retry
    /// Perhaps sent: the sender stopped between commit and answer. Resent only when asked
    /// (`--resend-unknown`).
    case unknown
}
