/// One message on its way through MAIL FROM, RCPT TO, DATA and the data itself, with the
/// replies collected so far.
struct SMTPTransaction: Sendable, Hashable {
    /// Which reply comes next.
    enum Step: Sendable, Hashable {
        case mail
        case recipient(Int)
        /// The reply to DATA (354, or a refusal).
        case data
        /// The data and its final `.` are out; the server's verdict is due.
        case awaitingDataReply
        /// DATA was accepted although no recipient was (possible only with PIPELINING):
        /// a lone `.` was sent to end the data phase empty (RFC 2920 §3.1).
        case abortingData
    }

    let sender: String
    let recipients: [String]
    /// Encoded by `SMTPDataEncoder`: dot-stuffed, with the final `.`.
    let data: [UInt8]
    /// Whether all commands up to DATA went out in one group.
    let isPipelined: Bool
    var step: Step = .mail
    var mailReply: SMTPReply?
    var recipientReplies: [SMTPReply] = []
    var dataReply: SMTPReply?

    var mailAccepted: Bool { mailReply?.isPositiveCompletion ?? false }
    var anyRecipientAccepted: Bool { recipientReplies.contains { $0.isPositiveCompletion } }

    /// One result per recipient; `nil` replies for those not answered yet.
    var recipientResults: [SMTPRecipientResult] {
        recipients.indices.map { index in
            SMTPRecipientResult(
                recipient: recipients[index],
                reply: index < recipientReplies.count ? recipientReplies[index] : nil
            )
        }
    }

    /// Replies still due for commands already sent, counting the one awaited now.
    var outstandingReplies: Int {
        guard isPipelined else { return 1 }
        switch step {
        case .mail: return recipients.count + 2
        case .recipient(let index): return recipients.count - index + 1
        case .data, .awaitingDataReply, .abortingData: return 1
        }
    }

    /// For messages: "the reply to RCPT TO:<anna@example.se>".
    var awaitedStep: String {
        switch step {
        case .mail: "the reply to MAIL FROM:<\(sender)>"
        case .recipient(let index): "the reply to RCPT TO:<\(recipients[index])>"
        case .data: "the reply to DATA"
        case .awaitingDataReply, .abortingData: "the reply to the final \".\" of the message"
        }
    }
}
