/// What an upsert would do, without doing it: how many customers it would insert and
/// update, and per part it writes how many stored customers it would change and clear.
public struct UpsertPreview: Sendable, Hashable {
    /// The customers that would be inserted and updated.
    public var summary: UpsertSummary
    /// One entry per part written (and the consent time when it follows the consent), in
    /// field order, then `vehicles`, `cards` and the attributes by key.
    public var changes: [Change]

    /// What an upsert would do to one part of the stored customers.
    public struct Change: Sendable, Hashable, Codable {
        /// The part: a `Customer.Field` raw value (`city`, `newsletter_at`), `vehicles`,
        /// `cards`, or `attrs.KEY` for the attribute `KEY`.
        public var part: String
        /// Stored customers whose value would be different afterwards.
        public var changed: Int
        /// Of those, the ones whose value would be emptied: text or a date removed, a list
        /// emptied, yes turned to no, points set to 0.
        public var cleared: Int

        public init(part: String, changed: Int = 0, cleared: Int = 0) {
            self.part = part
            self.changed = changed
            self.cleared = cleared
        }
    }

    public init(summary: UpsertSummary = UpsertSummary(), changes: [Change] = []) {
        self.summary = summary
        self.changes = changes
    }

    /// The prefix of an attribute's part name, as in CSV headers and `c.attrs.KEY` in Lua.
    public static let attributePrefix = "attrs."
}
