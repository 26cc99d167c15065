import Foundation
import KassaCSV
import KassaCore

/// `##MENU#UtskickUtskrift2#`: the mass-mailing menu of 001, as a cashier's button runs it.
///
/// The flow: a selection of customers → SMS or e-mail → the message → a preview of every
/// rendered message with SMS segments and totals → send. The mailing is saved first
/// (`kassa mailing list` shows it); after the preview the menu sends it when `send=ja` is
/// given or the user answers yes on a terminal, and otherwise stops and says how to send it
/// later. Nothing is sent when a message cannot be rendered.
///
/// Typing `Utskrift` (or `print`) after the menu, `##MENU#UtskickUtskrift2#Utskrift¤`, prints
/// the selection as a list instead ("Utskrift", 001): readable text, or CSV with
/// `format=csv`.
///
/// Everything comes from parameters (`--param KEY=VALUE`), and what is missing is asked on
/// a terminal:
/// - the selection: the SELECTION option names of `kassa select` without dashes
///   (`family=VIP`, `has=mobile`, `marked=yes`, `filter=lapsed_vip`, `filter.months=6`, …),
///   or `mailing=ID|NAME` to open a saved mailing and preview it again;
/// - `channel` (`sms` or `email`; asked), then `template=NAME` or `text=…` (the text is
///   asked), and for e-mail `subject` (asked unless the template has one) and `html=FILE`;
/// - `name` to save the draft under a name; `send` (`ja`/`nej`) to send without being asked.
final class UtskickUtskrift2Menu: ActionImplementation {
    static let name = "UtskickUtskrift2"
    static let title = "Massutskick"

    private let makeService: () throws -> MailingService
    private let send: ((Mailing) async throws -> SendReport)?

    init(makeService: @escaping () throws -> MailingService, send: ((Mailing) async throws -> SendReport)?) {
        self.makeService = makeService
        self.send = send
    }

    /// Parameters of the menu itself; the rest must be selection options.
    static let menuKeys: Set<String> = ["input", "channel", "template", "text", "subject", "html", "name", "mailing", "format", "send"]

    func run(_ context: ActionContext) async throws {
        let service = try makeService()
        let parameters = context.parameters
        let input = parameters["input"]?.trimmingCharacters(in: .whitespaces).lowercased()
        if let reference = parameters["mailing"] {
            return try await preview(try service.mailings.mailing(reference), service: service, context: context)
        }
        let selection = try Self.selection(from: parameters)
        if input == "utskrift" || input == "print" {
            return try print(selection, format: parameters["format"] ?? "text", service: service, context: context)
        }
        if let input, !input.isEmpty {
            throw MailingError(.invalidContent, "Menu \(Self.name) does not know \"\(parameters["input"]!)\": type Utskrift to print the selection, or nothing to make a mailing.")
        }
        let channel = try Self.channel(try value("channel", "channel, sms or email", context))
        var content = MailingContent(template: parameters["template"], subject: parameters["subject"])
        if content.template == nil {
            if let text = parameters["text"] {
                content.text = text
            } else if parameters["html"] == nil {
                content.text = try value("text", "message text, placeholders like #FORNAMN#", context)
            }
            if let path = parameters["html"] {
                guard let data = FileManager.default.contents(atPath: path), let html = String(validating: data, as: UTF8.self) else {
                    throw MailingError(.invalidContent, "Menu \(Self.name): the HTML file \"\(path)\" cannot be read as UTF-8 text.")
                }
                content.html = html
                content.htmlFile = path
            }
            if channel == .email, content.subject == nil {
                content.subject = try value("subject", "subject", context)
            }
        }
        let mailing = try service.create(MailingDraft(name: parameters["name"], channel: channel, content: content, selection: selection))
        try await preview(mailing, service: service, context: context)
    }

    private func preview(_ mailing: Mailing, service: MailingService, context: ActionContext) async throws {
        context.output("Mailing \(mailing.displayName): \(mailing.channel.rawValue), \(mailing.purpose.rawValue)")
        let totals = try service.preview(mailing) { message in
            if message.excluded == nil { context.output(message.line(channel: mailing.channel)) }
        }
        for line in totals.lines(channel: mailing.channel) { context.output(line) }
        if totals.failed > 0 {
            throw MailingError(.invalidContent, "\(totals.failed) of \(totals.recipients) messages of mailing \(mailing.displayName) cannot be rendered; see the list above. Nothing was sent.")
        }
        guard let send, try wantsToSend(totals, context) else {
            context.output("The mailing is saved as \(mailing.id); nothing was sent. Send it with kassa mailing send \(mailing.id).")
            return
        }
        let report = try await send(mailing)
        context.output("Mailing \(mailing.displayName): \(report.sent) sent, \(report.failed) failed, \(report.retry) to retry, \(report.unknown) unknown; kassa mailing status \(mailing.id) lists every failure.")
        if let reason = report.sessionFailure {
            context.output("Sending stopped: \(reason) The other messages wait: fix the cause, then kassa mailing send \(mailing.id) resumes.")
        }
    }

    /// `send=ja|nej`, else the user's answer on a terminal, else no.
    private func wantsToSend(_ totals: MailingPreview.Totals, _ context: ActionContext) throws -> Bool {
        if let given = context.parameters["send"] { return try Self.flag("send", given) }
        guard totals.rendered > 0, let answer = context.ask?("send now to \(totals.rendered) recipients? (ja/nej)") else { return false }
        return (try? Self.flag("send", answer)) ?? false
    }

    private func print(_ selection: CustomerSelection, format: String, service: MailingService, context: ActionContext) throws {
        let columns = ["number", "name", "street", "postal_code", "city", "country", "email", "mobile"]
        var count = 0
        switch format.lowercased() {
        case "text":
            try service.customers.select(selection, filters: service.registry).forEach { batch in
                for customer in batch {
                    let place = [customer.postalCode, customer.city, customer.country].compactMap { $0 }.joined(separator: " ")
                    context.output([customer.number, customer.listName, customer.street ?? "-", place.isEmpty ? "-" : place, customer.email ?? "-",
                                    customer.mobile ?? "-"].joined(separator: "  "))
                }
                count += batch.count
            }
            context.output("\(count) customer\(count == 1 ? "" : "s") in the selection.")
        case "csv":
            var first = true
            try service.customers.select(selection, filters: service.registry).forEach { batch in
                let writer = CSVWriter()
                if first { try writer.write(columns) }
                first = false
                for customer in batch {
                    try writer.write([customer.number, customer.listName, customer.street ?? "", customer.postalCode ?? "",
                                      customer.city ?? "", customer.country ?? "", customer.email ?? "", customer.mobile ?? ""])
                }
                try writer.finish()
                var text = String(decoding: writer.data, as: UTF8.self)
                if text.hasSuffix("\n") { text.removeLast() }
                context.output(text)
            }
        default:
            throw MailingError(.invalidContent, "Menu \(Self.name): format \"\(format)\" is not text or csv.")
        }
    }

    // MARK: - Parameters

    private func value(_ key: String, _ question: String, _ context: ActionContext) throws -> String {
        if let given = context.parameters[key] { return given }
        if let answer = context.ask?(question), !answer.isEmpty { return answer }
        throw PluginError(.invalidParameter, "Menu \(Self.name) needs the \(question): add --param \(key)=VALUE")
    }

    static func channel(_ text: String) throws -> Channel {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "sms": return .sms
        case "email", "e-mail", "e-post", "epost", "mail": return .email
        default: throw PluginError(.invalidParameter, "Menu \(name): channel \"\(text)\" is not sms or email")
        }
    }

    /// The selection described by the parameters that are not the menu's own: the
    /// criteria by their kebab-case names (`turnover-group=GOLD,SILVER`), lists
    /// comma-separated, and the custom filter's parameters as `filter.KEY=VALUE`.
    static func selection(from parameters: [String: String]) throws -> CustomerSelection {
        var input = SelectionInput()
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) where !menuKeys.contains(key) {
            if key.hasPrefix("filter.") {
                input.addFilterParameter(key: String(key.dropFirst("filter.".count)), value: value)
                continue
            }
            guard let criterion = SelectionCriterion.all.first(where: { $0.kebabName == key }) else {
                throw PluginError(.invalidParameter, "Menu \(name) has no parameter \"\(key)\" (it takes \(menuKeys.sorted().joined(separator: ", ")), and the selection criteria \(SelectionCriterion.all.map(\.kebabName).joined(separator: ", ")))")
            }
            if criterion.valueType == .flag {
                input.set(criterion.id, flag: try flag(key, value))
            } else {
                input.add(criterion.id, value)
            }
        }
        return try CustomerSelection(input: input)
    }

    static func flag(_ key: String, _ value: String) throws -> Bool {
        guard case .boolean(let flag) = try ParameterType.boolean.parse(value, name: key) else { return false }
        return flag
    }
}
