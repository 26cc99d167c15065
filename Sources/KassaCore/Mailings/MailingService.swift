/// Saving, changing and previewing mailings, with every check made before anything is
/// saved: the content fits the channel, every placeholder is known, the template and the
/// custom filter exist.
///
/// The command line and the `UtskickUtskrift2` menu both work through this type, so a
/// mailing made from a button and one made by a cron job follow the same rules.
public final class MailingService {
    public let customers: any CustomerStore
    public let mailings: any MailingStore
    /// Templates and custom filters, from plugins.
    public let registry: PluginRegistry
    /// What templates may show of the shop (name, language, today).
    public let context: RenderContext
    /// Counts SMS in previews.
    public let meter: (any SMSMeter)?

    public init(customers: any CustomerStore, mailings: any MailingStore, registry: PluginRegistry,
                context: RenderContext, meter: (any SMSMeter)?) {
        self.customers = customers
        self.mailings = mailings
        self.registry = registry
        self.context = context
        self.meter = meter
    }

    /// Checks `draft`, takes the snapshot of its recipients and saves it as a new mailing.
    public func create(_ draft: MailingDraft) throws -> Mailing {
        try check(draft)
        return try mailings.create(draft, snapshot: try snapshot(of: draft))
    }

    /// Changes the draft mailing `reference` (a number or a name) with `change`, checks the
    /// result like a new one, and saves it.
    public func update(_ reference: String, _ change: (inout MailingDraft) throws -> Void) throws -> Mailing {
        let mailing = try mailings.mailing(reference)
        var draft = MailingDraft(mailing)
        try change(&draft)
        try check(draft)
        return try mailings.update(mailing.id, to: draft, snapshot: try snapshot(of: draft))
    }

    /// Who `draft` reaches now.
    public func snapshot(of draft: MailingDraft) throws -> MailingSnapshot {
        let audience = MailingAudience(channel: draft.channel, purpose: draft.purpose, selection: draft.selection)
        return try MailingSnapshot.take(audience, from: customers, filters: registry)
    }

    /// The composer for a mailing's content: its templates compiled, ready to render.
    public func composer(for channel: Channel, content: MailingContent) throws -> MailingComposer {
        try MailingComposer(channel: channel, content: content, registry: registry, context: context)
    }

    /// The preview of `mailing`: the message of every customer of its snapshot rendered,
    /// with totals (see `MailingPreview`).
    @discardableResult
    public func preview(_ mailing: Mailing, each: (MailingPreview.Message) throws -> Void) throws -> MailingPreview.Totals {
        let preview = MailingPreview(
            channel: mailing.channel, composer: try composer(for: mailing.channel, content: mailing.content), meter: meter)
        return try preview.run(mailing.id, outbox: mailings, customers: customers, each: each)
    }

    /// Everything that can be known wrong before a single customer is read.
    public func check(_ draft: MailingDraft) throws {
        _ = try composer(for: draft.channel, content: draft.content)
        if let filter = draft.selection.customFilter {
            _ = try registry.filter(named: filter.name, parameters: filter.parameters)
        }
    }
}
