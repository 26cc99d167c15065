import ArgumentParser
import Foundation
import KassaCore

/// The message options of `mailing create` and `mailing edit`.
struct MailingContentOptions: ParsableArguments {
    @Option(help: "A template registered by a plugin (kassa plugins lists them).") var template: String?
    @Option(help: "The message text; placeholders like #FORNAMN# (docs/placeholders.md).") var text: String?
    @Option(help: "An HTML file for the e-mail body; read now and kept with the mailing.") var html: String?
    @Option(help: "The e-mail subject; placeholders allowed.") var subject: String?

    var isEmpty: Bool { template == nil && text == nil && html == nil && subject == nil }

    /// Applies the given options to `content`: a template replaces a text body and the
    /// other way round; a subject alone changes only the subject.
    func apply(to content: inout MailingContent) throws {
        if let template {
            content = MailingContent(template: template, subject: subject ?? content.subject)
        }
        if text != nil || html != nil { content.template = nil }
        if let text { content.text = text }
        if let html {
            content.html = try Self.read(html)
            content.htmlFile = html
        }
        if let subject { content.subject = subject }
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("HTML file \"\(path)\" cannot be read")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CommandFailure("HTML file \"\(path)\" is not UTF-8 text")
        }
        return text
    }
}

extension Channel: ExpressibleByArgument {}
