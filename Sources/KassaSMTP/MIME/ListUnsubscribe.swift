/// How a recipient leaves a mailing: the `List-Unsubscribe` header (RFC 2369) and, for
/// one-click, `List-Unsubscribe-Post` (RFC 8058).
///
/// ```text
/// List-Unsubscribe: <https://shop.example.se/u/8f2c>, <mailto:unsubscribe@example.se>
/// List-Unsubscribe-Post: List-Unsubscribe=One-Click
/// ```
/// Large mailbox providers require one-click unsubscribe for bulk marketing mail. RFC 8058
/// also requires a DKIM signature that covers both headers: sign them when DKIM is used.
public struct ListUnsubscribe: Sendable, Hashable {
    /// An https URL that unsubscribes (with one-click: on a POST, without further steps).
    public var url: String?
    /// An address (or `mailto:` URI) a mail to which unsubscribes.
    public var mailto: String?
    /// Whether `url` supports RFC 8058 one-click (a POST with `List-Unsubscribe=One-Click`).
    public var oneClick: Bool

    /// An unsubscribe link; at least one of `url` and `mailto` must be given, and `oneClick`
    /// needs an https `url`.
    public init(url: String? = nil, mailto: String? = nil, oneClick: Bool = false) {
        self.url = url
        self.mailto = mailto
        self.oneClick = oneClick
    }
}
