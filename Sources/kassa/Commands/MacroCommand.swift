import ArgumentParser
import Foundation
import KassaApp
import KassaCore

/// `kassa macro 'MACRO'`: runs a macro string, e.g. `##MENU#UtskickUtskrift2#¤`.
struct MacroCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "macro",
        abstract: "Run a macro string: ##MENU#Name# opens a menu, #CODE# runs a function, ¤ confirms, other text is typed.",
        discussion: "Escapes: \\# types #, \\¤ types ¤, \\\\ types \\."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The macro.") var macro: String
    @Option(help: "A value a menu asks for, KEY=VALUE (repeatable).") var param: [String] = []
    @Flag(help: ArgumentHelp(
        "Print JSON when the macro has run: {\"button\": null, \"macro\": MACRO, \"output\": [LINE, …]}, the lines its menus and functions wrote.",
        discussion: "Questions are never asked with --json: give the values with --param."))
    var json = false

    func validate() throws { _ = try MacroRunner.parameters(param) }

    func run() async throws {
        // A menu that sends stops after the message in flight on Ctrl-C.
        try await StopSignal.cancelling { [self] in try await runMacro() }
    }

    private func runMacro() async throws {
        try await reportingFailures {
            let shop = try Shop(global)
            let parsed = try Macro.parse(macro)
            let parameters = try MacroRunner.parameters(param)
            try await MacroRunner.run(json: json) { output, ask in
                try await shop.run(parsed, parameters: parameters, output: output, ask: ask)
                return MacroRunner.Report(button: nil, macro: macro)
            }
        }
    }
}

/// Running a macro from the command line: plugins loaded, output to stdout, questions on a terminal.
enum MacroRunner {
    static func parameters(_ texts: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for text in texts {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("--param \"\(text)\" is not KEY=VALUE")
            }
            values[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return values
    }

    /// What `kassa macro --json` and `kassa press --json` print once the macro has run.
    struct Report: Encodable {
        /// The button pressed; `nil` for `kassa macro`.
        var button: String?
        var macro: String
        /// The lines the macro's menus and functions wrote, in order.
        var output: [String] = []
    }

    /// Runs a macro through `body`, which gets where the macro's lines go and how to ask:
    /// on the terminal, or, with `json`, gathered and printed as `body`'s report at the end
    /// with nothing asked (stdout must stay one JSON document).
    static func run(json: Bool,
                    _ body: (_ output: @escaping (String) -> Void, _ ask: RegistryMacroPerformer.Ask?) async throws -> Report) async throws {
        let interactive = !json && isatty(STDIN_FILENO) == 1
        let lines = LineCollector()
        var report = try await body(json ? { lines.append($0) } : { Output.line($0) },
                                    interactive ? { prompt in
                                        FileHandle.standardError.write(Data("\(prompt): ".utf8))
                                        return readLine()
                                    } : nil)
        if json {
            report.output = lines.lines
            try Output.json(report)
        }
    }
}

/// The lines a macro writes, gathered for `--json`.
private final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [String] = []

    var lines: [String] { lock.withLock { gathered } }

    func append(_ line: String) { lock.withLock { gathered.append(line) } }
}
