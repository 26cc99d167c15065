/// Renders one customer's message of a mailing (its template, text or HTML body).
///
/// `MailingComposer` is the implementation built from a mailing's content; tests and
/// benchmarks may bring their own.
public protocol MessageComposer {
    /// The message for `customer`. Throws an error naming the customer and what is missing
    /// (a placeholder without a value, a Lua render that failed).
    func compose(_ customer: Customer) throws -> RenderedMessage
}
