import Foundation
import KassaCore

/// Where a mailing stands, as `kassa mailing status` and the end of `send` report it; the
/// `--json` keys are a contract with scripts.
struct MailingStatusReport: Encodable {
    var mailing: Int64
    var name: String?
    var status: String
    var recipients: Int
    var excluded: Int
    var excludedByReason: [String: Int]
    var pending: Int
    var sent: Int
    var failed: Int
    var retry: Int
    var unknown: Int
    var inFlight: Int
    /// The failures grouped by reason, most frequent first.
    var failedByReason: [ReasonCount]
    var failures: [OutboxEntry]
    var unknowns: [OutboxEntry]

    init(_ mailing: Mailing, outbox: any MailingStore) throws {
        let current = try outbox.mailing(String(mailing.id))
        let counts = try outbox.counts(of: mailing.id)
        self.mailing = mailing.id
        name = mailing.name
        status = current.status.rawValue
        recipients = counts.recipients
        excluded = counts[.excluded]
        excludedByReason = counts.excludedByReason
        pending = counts[.pending]
        sent = counts[.sent]
        failed = counts[.failed]
        retry = counts[.retry]
        unknown = counts[.unknown]
        inFlight = counts[.committing]
        failures = try Self.all(.failed, of: mailing.id, outbox)
        failedByReason = ReasonCount.grouping(failures)
        unknowns = try Self.all(.unknown, of: mailing.id, outbox)
    }

    private static func all(_ state: OutboxState, of mailing: Int64, _ outbox: any MailingStore) throws -> [OutboxEntry] {
        var entries: [OutboxEntry] = []
        var after: String?
        while true {
            let page = try outbox.entries(of: mailing, states: [state], after: after, limit: 5_000)
            guard let last = page.last else { return entries }
            entries += page
            after = last.customerNumber
        }
    }

    /// The counts, the failures by reason, then every failure and unknown with customer,
    /// address and reason.
    var lines: [String] {
        var lines = ["Mailing \(mailing)\(name.map { " \"\($0)\"" } ?? ""): \(status); \(recipients) recipients, \(sent) sent, \(failed) failed, \(pending) pending, \(retry) to retry, \(unknown) unknown, \(excluded) left out"]
        if inFlight > 0 { lines.append("\(inFlight) in flight right now.") }
        if !failedByReason.isEmpty { lines.append("Failed, by reason:") }
        for group in failedByReason {
            lines.append("  \(group.count) × \(group.reason)")
        }
        for entry in failures {
            lines.append("failed  \(entry.customerNumber)  \(entry.address ?? "-")  \(entry.reason ?? "")")
        }
        for entry in unknowns {
            lines.append("unknown  \(entry.customerNumber)  \(entry.address ?? "-")  \(entry.reason ?? "") (kassa mailing send \(mailing) --resend-unknown sends again)")
        }
        return lines
    }
}

/// How many failures share one reason. The customer's own number and address are left out
/// of the reason (`…`), so that one cause, named for each customer, makes one group.
struct ReasonCount: Encodable, Hashable {
    var reason: String
    var count: Int

    static func grouping(_ entries: [OutboxEntry]) -> [ReasonCount] {
        var groups: [ReasonCount] = []
        var position: [String: Int] = [:]
        for entry in entries {
            let reason = general(entry)
            if let at = position[reason] {
                groups[at].count += 1
            } else {
                position[reason] = groups.count
                groups.append(ReasonCount(reason: reason, count: 1))
            }
        }
        // Most frequent first; ties in the order of their first customer.
        return groups.enumerated()
            .sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }
            .map(\.element)
    }

    /// The entry's reason with its address and customer number (as a whole word) replaced.
    private static func general(_ entry: OutboxEntry) -> String {
        var reason = entry.reason ?? "no reason recorded"
        if let address = entry.address, !address.isEmpty {
            reason = reason.replacingOccurrences(of: address, with: "…")
        }
        let number = NSRegularExpression.escapedPattern(for: entry.customerNumber)
        return reason.replacingOccurrences(of: "(?<![\\p{L}\\p{N}])\(number)(?![\\p{L}\\p{N}])", with: "…", options: .regularExpression)
    }
}
