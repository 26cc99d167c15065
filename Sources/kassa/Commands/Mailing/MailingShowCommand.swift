import ArgumentParser
import KassaApp
import KassaCore

/// `kassa mailing show ID [--json]`: opens a saved mailing.
struct MailingShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a saved mailing: its message and selection.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The mailing's number or name.") var mailing: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let found = try shop.mailings().mailing(mailing)
            if json { return try Output.json(MailingView(found)) }
            Output.line("mailing: \(found.displayName)")
            Output.line("channel: \(found.channel.rawValue)")
            Output.line("purpose: \(found.purpose.rawValue)")
            Output.line("status: \(found.status.rawValue)")
            Output.line("updated: \(found.updatedAt.utcTimestamp)")
            if let template = found.content.template { Output.line("template: \(template)") }
            if let subject = found.content.subject { Output.line("subject: \(subject)") }
            if let text = found.content.text { Output.line("text: \(text)") }
            if let html = found.content.html {
                Output.line("html: \(found.content.htmlFile.map { "from \($0), " } ?? "")\(html.utf8.count) bytes")
            }
            Output.line("selection: \(try MailingView.json(found.selection))")
        }
    }
}
