import ArgumentParser
import KassaApp
import KassaCore

/// `kassa buttons [--json]`: the button board.
struct ButtonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "buttons", abstract: "List the macro buttons plugins put on the board.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailures {
            let buttons = try Shop(global).makeHost().registry.buttons
            if json { return try Output.json(buttons) }
            if buttons.isEmpty { return Output.line("No buttons.") }
            let width = buttons.map(\.label.count).max() ?? 0
            for button in buttons {
                Output.line(button.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + button.macro + "  (" + button.plugin + ")")
            }
        }
    }
}

/// `kassa press LABEL`: presses a button, running its macro.
struct PressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "press", abstract: "Press a macro button by its label.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The button's label.") var label: String
    @Option(help: "A value a menu asks for, KEY=VALUE (repeatable).") var param: [String] = []
    @Flag(help: ArgumentHelp(
        "Print JSON when the macro has run: {\"button\": LABEL, \"macro\": MACRO, \"output\": [LINE, …]}, the lines its menus and functions wrote.",
        discussion: "Questions are never asked with --json: give the values with --param."))
    var json = false

    func validate() throws { _ = try MacroRunner.parameters(param) }

    func run() async throws {
        // A menu that sends stops after the message in flight on Ctrl-C.
        try await StopSignal.cancelling { [self] in try await press() }
    }

    private func press() async throws {
        try await reportingFailures {
            let shop = try Shop(global)
            try await MacroRunner.run(json: json) { output, ask in
                let button = try await shop.press(label, parameters: try MacroRunner.parameters(param), output: output, ask: ask)
                return MacroRunner.Report(button: button.label, macro: button.macro)
            }
        }
    }
}
