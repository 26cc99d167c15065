import ArgumentParser
import KassaApp
import Foundation
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

    func run() async throws {
        // A menu that sends stops after the message in flight on Ctrl-C.
        try await StopSignal.cancelling { [self] in try await runMacro() }
    }

    private func runMacro() async throws {
        try await reportingFailures {
            let shop = try Shop(global)
            let parsed = try Macro.parse(macro)
            try await MacroRunner.run(parsed, shop: shop, parameters: try MacroRunner.parameters(param))
        }
    }
}

/// Running a macro from the command line: plugins loaded, output to stdout, questions on a terminal.
enum MacroRunner {
    static func parameters(_ texts: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for text in texts {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw CommandFailure("Parameter \"\(text)\" is not KEY=VALUE")
            }
            values[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return values
    }

    static func run(_ macro: Macro, shop: Shop, parameters: [String: String]) async throws {
        let host = shop.makeHost()
        let interactive = isatty(STDIN_FILENO) == 1
        let performer = RegistryMacroPerformer(
            registry: host.registry, parameters: parameters, logger: shop.logger,
            output: { Output.line($0) },
            ask: interactive ? { prompt in
                FileHandle.standardError.write(Data("\(prompt): ".utf8))
                return readLine()
            } : nil)
        try await macro.run(with: performer)
    }
}
