import Foundation

/// One message on its way out: a rendered mailing message for one recipient.
public struct OutgoingMessage: Sendable, Hashable {
    public var channel: Channel
    /// The mailing it belongs to; `nil` for a test send.
    public var mailingID: Int64?
    public var customerNumber: String
    /// A mobile number in E.164 (SMS) or an e-mail address.
    public var address: String
    /// The recipient's name for an e-mail's To header ("Åsa Öberg"), when known.
    public var displayName: String?
    /// The rendered text, subject and HTML.
    public var content: RenderedMessage
    /// Marketing mail carries List-Unsubscribe (RFC 8058); transactional mail does not.
    public var purpose: CustomerSelection.Purpose
    /// A key unique to this (mailing, customer), stable across retries, so a transport can
    /// give the provider an idempotency key or a Message-ID that reveals a duplicate.
    public var idempotencyKey: String

    public init(channel: Channel, mailingID: Int64?, customerNumber: String, address: String, displayName: String? = nil,
                content: RenderedMessage, purpose: CustomerSelection.Purpose, idempotencyKey: String) {
        self.channel = channel
        self.mailingID = mailingID
        self.customerNumber = customerNumber
        self.address = address
        self.displayName = displayName
        self.content = content
        self.purpose = purpose
        self.idempotencyKey = idempotencyKey
    }
}
