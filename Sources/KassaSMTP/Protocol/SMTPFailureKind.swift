/// Whether sending again later may succeed.
public enum SMTPFailureKind: String, Sendable, Hashable {
    /// 4xx, 421, a timeout or a lost connection: retry later, with back-off.
    case temporary
    /// 5xx, or a message that cannot be sent as it is: do not retry; report the failure.
    case permanent
}
