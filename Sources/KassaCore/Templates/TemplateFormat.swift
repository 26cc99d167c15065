/// What kind of text a template is: it decides how inserted values are written.
public enum TemplateFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Plain text (SMS, the text part and the subject of an e-mail): values go in as they are.
    case text
    /// HTML (the HTML part of an e-mail): values are HTML-escaped, so a customer named
    /// `<script>` or `Smith & Sons` cannot break the page; the template's own text is not.
    case html
}
