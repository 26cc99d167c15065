/// Where mailings are kept: saved drafts now, their outbox when they are sent.
///
/// `SQLiteMailingStore` keeps them in the customer database's file.
public protocol MailingStore: Sendable {
    /// Saves a new mailing and returns it with its number. Throws `MailingError` with code
    /// `duplicateName` when another mailing has the draft's name.
    func create(_ draft: MailingDraft) throws -> Mailing

    /// The mailing with this number, or, when `reference` is not a number, this name.
    /// Throws `MailingError` with code `unknownMailing` when there is none.
    func mailing(_ reference: String) throws -> Mailing

    /// Every mailing, newest first.
    func mailings() throws -> [Mailing]

    /// Replaces a draft's name, channel, purpose, content and selection. Throws
    /// `notEditable` when the mailing is no longer a draft.
    func update(_ id: Int64, to draft: MailingDraft) throws -> Mailing
}
