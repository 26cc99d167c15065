import Foundation

/// The preview as readable lines, shared by `kassa mailing preview` and the
/// `UtskickUtskrift2` menu.
extension MailingPreview.Message {
    /// `100001  +46701234567  GSM-7 1 SMS  Hej Åsa!` (line breaks shown as ⏎); for an
    /// excluded customer `100002  left out: no newsletter consent`.
    public func line(channel: Channel) -> String {
        if let excluded { return "\(customer)  left out: \(excluded)" }
        let address = self.address ?? "-"
        if let error { return "\(customer)  \(address)  ERROR: \(error)" }
        func flat(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
        }
        switch channel {
        case .sms:
            let cost = sms.map { "\($0.encoding) \($0.segments) SMS  " } ?? ""
            return "\(customer)  \(address)  \(cost)\(flat(text ?? ""))"
        case .email:
            let body = text.map(flat) ?? html.map { "HTML, \($0.utf8.count) bytes" } ?? ""
            let shown = body.count > 80 ? body.prefix(80) + "…" : body[...]
            return "\(customer)  \(address)  Subject: \(subject ?? "")  |  \(shown)"
        }
    }
}

extension MailingPreview.Totals {
    /// The totals in words: who is reached, who is left out and why, and for SMS the
    /// segments, encodings, cost and the line-break warning.
    public func lines(channel: Channel) -> [String] {
        var reach = "\(selected) selected, \(recipients) recipients, \(excludedCount) left out"
        if excludedCount > 0 {
            let reasons = MailingExclusion.allCases.compactMap { reason in excluded[reason.rawValue].map { "\(reason): \($0)" } }
            reach += " (" + reasons.joined(separator: ", ") + ")"
        }
        var lines = [reach, "\(rendered) rendered, \(failed) cannot be rendered"]
        if channel == .sms {
            let kinds = encodings.keys.sorted().map { "\($0) \(encodings[$0]!)" }.joined(separator: ", ")
            var line = "SMS: \(segments) segments" + (kinds.isEmpty ? "" : " (\(kinds))")
            if let cost { line += String(format: ", cost %.2f", cost) }
            lines.append(line)
            if withLineBreaks > 0 {
                lines.append("Warning: \(withLineBreaks) messages have line breaks; not every phone shows them.")
            }
        }
        return lines
    }
}
