import KassaCore
import KassaScripting

/// Events for the plugins' handlers (`kassa.on`), emitted by the use cases once the fact each
/// reports is committed. A failing handler is logged; the use case's outcome stands.
extension Shop {
    /// Runs the handlers of `events` on `host`, or on a host made for them when the use case
    /// had none (its plugins are loaded only now).
    public func emit(_ events: [KassaEvent], host: ScriptHost? = nil) {
        guard !events.isEmpty else { return }
        let host = host ?? makeHost()
        for event in events { host.emit(event) }
    }

    /// The customers whose message of `mailing` is recorded as failed, before a run, so that
    /// the run's own failures can be told apart afterwards; `nil` (and nothing read) when no
    /// plugin handles `message.failed`.
    public func failedMessages(of mailing: Mailing, service: MailingService) throws -> Set<String>? {
        guard service.registry.handles("message.failed") else { return nil }
        return Set(try failedEntries(of: mailing, service: service).map(\.customerNumber))
    }

    /// After a send run: `message.failed` for each message the run gave up as failed, then
    /// `mailing.sent` with the run's counts.
    public func emitRun(of mailing: Mailing, report: SendReport, failedBefore: Set<String>?, service: MailingService) throws {
        let registry = service.registry
        if let failedBefore {
            for entry in try failedEntries(of: mailing, service: service) where !failedBefore.contains(entry.customerNumber) {
                registry.emit(.messageFailed(entry, mailing: mailing.id, channel: mailing.channel), logger: logger)
            }
        }
        registry.emit(.mailingSent(report, channel: mailing.channel), logger: logger)
    }

    private func failedEntries(of mailing: Mailing, service: MailingService) throws -> [OutboxEntry] {
        try service.mailings.entries(of: mailing.id, states: [.failed], after: nil, limit: Int(Int32.max))
    }
}
