import ArgumentParser
import Foundation
import KassaApp
import KassaCore

/// `kassa sms analyze TEXT [--json]`
struct SMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sms",
        abstract: "SMS tools.",
        subcommands: [SMSAnalyzeCommand.self]
    )
}

struct SMSAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show the encoding, segments and characters of an SMS text."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: "The text.")
    var text: String

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let price = shop.configuration.sms.pricePerSegment
            let analysis = SMSAnalysis.analyze(text, pricePerSegment: price > 0 ? price : nil)
            if json { return try Output.json(analysis) }
            Output.line("encoding: \(analysis.encoding.rawValue)")
            Output.line("segments: \(analysis.segments) (\(analysis.unitsPerSegment) per segment)")
            Output.line("characters: \(analysis.characters)")
            if !analysis.nonGSMCharacters.isEmpty {
                Output.line("not in GSM-7: \(analysis.nonGSMCharacters.joined(separator: " "))")
            }
            if let cost = analysis.cost { Output.line("cost: \(String(format: "%.2f", cost))") }
            if analysis.hasLineBreaks { Output.line("warning: \(SMSAnalysis.lineBreakWarning)") }
        }
    }
}
