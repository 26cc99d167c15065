import Foundation
import KassaCore

/// A mailing as `--json` prints it; the keys are a contract with scripts.
struct MailingView: Encodable {
    var id: Int64
    var name: String?
    var channel: String
    var purpose: String
    var status: String
    var template: String?
    var subject: String?
    var text: String?
    var html: String?
    var htmlFile: String?
    var selection: CustomerSelection
    var createdAt: String
    var updatedAt: String

    init(_ mailing: Mailing) {
        id = mailing.id
        name = mailing.name
        channel = mailing.channel.rawValue
        purpose = mailing.purpose.rawValue
        status = mailing.status.rawValue
        template = mailing.content.template
        subject = mailing.content.subject
        text = mailing.content.text
        html = mailing.content.html
        htmlFile = mailing.content.htmlFile
        selection = mailing.selection
        createdAt = mailing.createdAt.utcTimestamp
        updatedAt = mailing.updatedAt.utcTimestamp
    }

    /// `template birthday`, `text "Hej #FORNAMN#! …"`: one short line for lists.
    static func summary(of content: MailingContent) -> String {
        if let template = content.template { return "template \(template)" }
        if let text = content.text {
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "text \"\(line.count > 40 ? line.prefix(40) + "…" : line)\""
        }
        return content.htmlFile.map { "html \($0)" } ?? "html"
    }

    /// The selection's non-default criteria, as compact JSON.
    static func json(_ selection: CustomerSelection) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(selection), as: UTF8.self)
    }
}
