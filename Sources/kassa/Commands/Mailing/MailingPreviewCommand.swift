import ArgumentParser
import Foundation
import KassaApp
import KassaCore

/// `kassa mailing preview ID [--json]`: every rendered message, SMS segments, totals.
struct MailingPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render every recipient's message: the exact SMS encoding and segments of each, and the totals.",
        discussion: "Exits with status 1 when some message cannot be rendered, after listing every one."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The mailing's number or name.") var mailing: String
    @Flag(help: "Print JSON: {mailing, messages, totals}.") var json = false
    @Flag(name: .customLong("show-excluded"), help: "List the customers left out, with the reason.") var showExcluded = false

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            try shop.withMailingService { service in
                let found = try service.mailings.mailing(mailing)
                let pace = SendOptions(throttle: shop.defaultThrottle(for: found))
                let totals = json
                    ? try MailingPreviewPrinter.json(found, service: service, pace: pace)
                    : try MailingPreviewPrinter.text(found, service: service, showExcluded: showExcluded, pace: pace)
                if totals.failed > 0 {
                    throw CommandFailure("\(totals.failed) of \(totals.recipients) messages cannot be rendered; see above")
                }
            }
        }
    }
}

/// Prints a preview on stdout, as text or as streamed JSON.
enum MailingPreviewPrinter {
    /// The readable preview on stdout, totals last; progress on stderr for long runs.
    static func text(_ mailing: Mailing, service: MailingService, showExcluded: Bool, pace: SendOptions,
                     write: (String) -> Void = { Output.line($0) }) throws -> MailingPreview.Totals {
        write("Mailing \(mailing.displayName): \(mailing.channel.rawValue), \(mailing.purpose.rawValue)")
        // Progress only where it helps: on a terminal while the messages go to a file or pipe.
        let progress = Progress("Rendered", quiet: isatty(STDERR_FILENO) != 1 || isatty(STDOUT_FILENO) == 1)
        let totals = try service.preview(mailing) { message in
            progress.advance(by: 1)
            if showExcluded || message.excluded == nil { write(message.line(channel: mailing.channel)) }
        }
        progress.finish()
        for line in totals.lines(channel: mailing.channel) { write(line) }
        write("Sending takes at least \(duration(pace.expectedDuration(of: totals.rendered))) at this pace (batch \(pace.throttle.batch), pause \(pace.throttle.pause) s, delay \(pace.throttle.delay) s, rate \(pace.throttle.rate)/s).")
        return totals
    }

    /// `{"mailing": …, "messages": [ … ], "totals": …}`, streamed one message per line.
    static func json(_ mailing: Mailing, service: MailingService, pace: SendOptions) throws -> MailingPreview.Totals {
        let encoder = Output.compactJSON
        let output = FileHandle.standardOutput
        output.write(Data("{\"mailing\": ".utf8))
        output.write(try encoder.encode(MailingView(mailing)))
        output.write(Data(",\n\"messages\": [".utf8))
        var first = true
        var chunk = Data()
        let totals = try service.preview(mailing) { message in
            chunk.append(contentsOf: (first ? "\n" : ",\n").utf8)
            chunk.append(try encoder.encode(message))
            first = false
            if chunk.count > 1 << 16 {
                output.write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        output.write(chunk)
        output.write(Data("\n],\n\"totals\": ".utf8))
        var rounded = totals
        rounded.cost = totals.cost.map { ($0 * 100).rounded() / 100 }
        output.write(try encoder.encode(rounded))
        output.write(Data(",\n\"expected_seconds\": \(pace.expectedDuration(of: totals.rendered))}\n".utf8))
        return totals
    }

    /// `2 h 5 min`, `3 min 20 s`, `12 s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole >= 3600 { return "\(whole / 3600) h \(whole % 3600 / 60) min" }
        if whole >= 60 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole) s"
    }
}
