/// What `kassa mailing create` saves, and what `kassa mailing edit` changes.
///
/// The store checks the parts that need no templates (a name that is free, a body
/// present); `MailingComposer` checks the content against the templates before a draft is
/// saved.
public struct MailingDraft: Sendable, Hashable {
    public var name: String?
    public var channel: Channel
    public var purpose: CustomerSelection.Purpose
    public var content: MailingContent
    public var selection: CustomerSelection

    /// A draft; `purpose` defaults to the selection's, else `.marketing` (GDPR, 001).
    public init(name: String? = nil, channel: Channel, purpose: CustomerSelection.Purpose? = nil,
                content: MailingContent, selection: CustomerSelection = CustomerSelection()) {
        self.name = name
        self.channel = channel
        self.purpose = purpose ?? selection.purpose ?? .marketing
        self.content = content
        self.selection = selection
    }

    /// The draft of an existing mailing, to change it.
    public init(_ mailing: Mailing) {
        name = mailing.name
        channel = mailing.channel
        purpose = mailing.purpose
        content = mailing.content
        selection = mailing.selection
    }
}
