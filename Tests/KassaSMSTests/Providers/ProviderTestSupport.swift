import Foundation
import KassaCore
import KassaSMS
import KassaTesting
import Logging

/// A logger that drops everything: logging is not what these tests check.
let quietLogger = Logger(label: "kassa.sms.test") { _ in SwiftLogNoOpLogHandler() }

/// An SMS of a mailing to one customer.
func sms(_ text: String?, to address: String = "+46701234567", customer: String = "1001", mailing: Int64? = 7) -> OutgoingMessage {
    OutgoingMessage(channel: .sms, mailingID: mailing, customerNumber: customer, address: address,
                    content: RenderedMessage(text: text), purpose: .marketing,
                    idempotencyKey: "mailing-\(mailing.map(String.init) ?? "test")-customer-\(customer)")
}

/// Counts the commits a transport makes, and can refuse them as a full journal would.
final class CommitRecorder {
    private(set) var count = 0
    var refuse = false
    /// Runs at the commit, before the transport sends: what the test wants to look at then.
    var atCommit: () -> Void = {}

    struct Refused: Error, CustomStringConvertible {
        var description: String { "the journal is full" }
    }

    func commit() throws {
        count += 1
        atCommit()
        if refuse { throw Refused() }
    }
}

extension DeliveryOutcome {
    /// The reason of a retry, failure or unknown outcome; `nil` for sent.
    var reason: String? {
        switch self {
        case .sent: nil
        case .retry(let reason), .failed(let reason), .unknown(let reason), .sessionFailed(let reason): reason
        }
    }

    var isSent: Bool {
        if case .sent = self { return true }
        return false
    }

    var isRetry: Bool {
        if case .retry = self { return true }
        return false
    }

    var isFailed: Bool {
        if case .failed = self { return true }
        return false
    }

    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    var isSessionFailure: Bool {
        if case .sessionFailed = self { return true }
        return false
    }
}
