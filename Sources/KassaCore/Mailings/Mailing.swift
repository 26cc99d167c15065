import Foundation

/// A mass SMS or e-mail ("Massutskick", 001/003): what is sent, to whom, and how far it got.
///
/// A mailing is saved before anything is sent, so it can be previewed, changed, opened
/// again later and reused (SPEC §3). Its `content` is the message; its `selection` says
/// which customers receive it. `purpose` decides whether newsletter consent is required:
/// mailings are `.marketing` unless created as `.transactional`.
public struct Mailing: Sendable, Hashable, Codable {
    /// How far the mailing got.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Saved; nothing sent. Its content and selection can still change.
        case draft
        /// Sending began; `kassa mailing send` resumes it.
        case sending
        /// Stopped by `kassa mailing stop` after the message in flight; `send` resumes it.
        case stopped
        /// Every recipient has an outcome: sent, failed or unknown.
        case finished
    }

    /// The mailing's number, given by the store: `kassa mailing preview 7`.
    public var id: Int64
    /// An optional name to find a saved mailing by, unique among mailings.
    public var name: String?
    /// SMS or e-mail.
    public var channel: Channel
    /// Marketing (consent required) or transactional.
    public var purpose: CustomerSelection.Purpose
    /// The message: a template, a text, an HTML body.
    public var content: MailingContent
    /// Which customers receive it.
    public var selection: CustomerSelection
    /// How fast it goes out; `nil` for the configured `[throttle]`.
    public var throttle: ThrottleSettings?
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, name: String?, channel: Channel, purpose: CustomerSelection.Purpose, content: MailingContent,
        selection: CustomerSelection, throttle: ThrottleSettings? = nil, status: Status = .draft, createdAt: Date,
        updatedAt: Date
    ) {
        self.throttle = throttle
        self.id = id
        self.name = name
        self.channel = channel
        self.purpose = purpose
        self.content = content
        self.selection = selection
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// `7 "Vårkampanj"` or `7`: how messages name the mailing.
    public var displayName: String {
        name.map { "\(id) \"\($0)\"" } ?? String(id)
    }
}
