/// An extra header field for a message, such as `X-Kassa-Mailing: 42` or
/// `Auto-Submitted: auto-generated`.
///
/// The value is treated as unstructured text: printable ASCII goes out as written (folded at
/// spaces), anything else as RFC 2047 encoded words. Headers the encoder writes itself
/// (`From`, `Subject`, `Content-Type`, …) cannot be given here.
public struct MailHeader: Sendable, Hashable {
    /// The field name: printable ASCII without `:` or spaces.
    public var name: String
    /// The field value, without line breaks.
    public var value: String

    /// A header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
