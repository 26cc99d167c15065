import Foundation

/// Where mailings are kept: the saved mailing and its outbox, the journal of every message.
///
/// `SQLiteMailingStore` (in KassaSQLite) keeps them in the customer database's file.
public protocol MailingStore: Sendable {
    /// Saves a new mailing with the snapshot of its recipients and returns it with its
    /// number. Throws `MailingError` with code `duplicateName` when another mailing has the
    /// draft's name.
    func create(_ draft: MailingDraft, snapshot: MailingSnapshot) throws -> Mailing

    /// The mailing with this number, or, when `reference` is not a number, this name.
    /// Throws `MailingError` with code `unknownMailing` when there is none.
    func mailing(_ reference: String) throws -> Mailing

    /// Every mailing, newest first.
    func mailings() throws -> [Mailing]

    /// Replaces a draft's name, channel, purpose, content and selection, and its snapshot,
    /// and makes it a draft again. A mailing whose messages never left (none sent, in
    /// flight, unknown or waiting for a retry; every failed one failed before it reached
    /// the transport, without an attempt) is still a draft in this sense. Throws
    /// `notEditable` when a message has left or a sender is at work.
    func update(_ id: Int64, to draft: MailingDraft, snapshot: MailingSnapshot) throws -> Mailing

    // MARK: - The outbox

    /// Up to `limit` outbox entries in customer-number order, after the customer number
    /// `after` (exclusive), of the given states (all when `nil`).
    func entries(of mailing: Int64, states: [OutboxState]?, after: String?, limit: Int) throws -> [OutboxEntry]

    /// Up to `limit` entries ready to send now: `pending` ones after the customer number
    /// `after` (exclusive; a sender passes the last pending one it took, so each call reads on
    /// from there instead of from the start), then `retry` ones that are due at `now`, each in
    /// customer-number order.
    func sendable(of mailing: Int64, now: Date, after: String?, limit: Int) throws -> [OutboxEntry]

    /// How many entries are in each state, and the excluded ones by reason.
    func counts(of mailing: Int64) throws -> OutboxCounts

    /// In one transaction: records `outcome` (of an earlier message), then marks the
    /// message to `committing` as past the commit point. A sender uses it to journal with
    /// one write per message.
    func record(_ mailing: Int64, outcome: OutboxOutcome?, thenCommitting committing: String?) throws

    /// Records `outcomes` in one transaction: a sender marks every message that cannot be
    /// rendered as failed before the first one is sent.
    func record(_ mailing: Int64, outcomes: [OutboxOutcome]) throws

    /// Starts a sender on `mailing` for process `pid`: refuses while another live process
    /// sends it; turns `committing` rows a dead sender left into `unknown` (returning how
    /// many), with `resendUnknown` turns `unknown` rows back into `pending`, with
    /// `retryFailed` turns `failed` rows back into `pending` with no attempts, clears a stop
    /// request and marks the mailing `sending`. `sent` rows are never touched.
    func beginSending(_ mailing: Int64, pid: Int32, resendUnknown: Bool, retryFailed: Bool, throttle: ThrottleSettings?) throws -> SendingStart

    /// Ends the sender: the mailing becomes `status`, and no process holds it.
    func endSending(_ mailing: Int64, status: Mailing.Status) throws

    /// Asks the sender of `mailing` to stop after the message in flight.
    func requestStop(_ mailing: Int64) throws

    /// Whether a stop was asked for since sending began.
    func isStopRequested(_ mailing: Int64) throws -> Bool
}
