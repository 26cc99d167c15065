import Logging

/// Runs macro steps against the plugin registry the way a cashier's keyboard would.
///
/// - `##MENU#Name#` opens the menu; it runs when it is confirmed with `¤`, when the next
///   menu or function is opened, or when the macro ends (an open menu is shown, here: run).
/// - Text typed while a menu is open is its input: the menu receives it as the parameter
///   `input` (`##MENU#Search#Öberg¤`). Text typed with no menu open is an error, since it
///   would go nowhere.
/// - `#CODE#` runs the function at once.
/// - A declared parameter the menu needs comes from `--param KEY=VALUE`, else from `ask`
///   (a terminal prompt), else the step fails with an error saying how to give it.
public final class RegistryMacroPerformer: MacroPerformer {
    /// Asks the user a question (`Send to VIPs – channel (string)`) and returns the answer;
    /// `nil` when nobody can be asked (no terminal).
    public typealias Ask = (_ prompt: String) -> String?

    private let registry: PluginRegistry
    private let parameters: [String: String]
    private let logger: Logger
    private let output: (String) -> Void
    private let ask: Ask?
    private var pending: (menu: ActionDefinition, position: Int)?
    private var typed = ""

    public init(registry: PluginRegistry, parameters: [String: String] = [:], logger: Logger,
                output: @escaping (String) -> Void, ask: Ask? = nil) {
        self.registry = registry
        self.parameters = parameters
        self.logger = logger
        self.output = output
        self.ask = ask
    }

    public func openMenu(_ name: String, at position: Int) async throws {
        try await runPending()
        pending = (try registry.menu(named: name), position)
    }

    public func runFunction(_ code: String, at position: Int) async throws {
        try await runPending()
        try await run(try registry.function(code: code), input: nil)
    }

    public func confirm() async throws {
        try await runPending()
    }

    public func type(_ text: String) throws {
        guard pending != nil else {
            throw PluginError(.invalidParameter, "the text \"\(text)\" is typed while no menu is open")
        }
        typed += text
    }

    /// Runs a menu that is still open when the macro ends. Its errors name the menu's step.
    func finish(_ macro: Macro) async throws(MacroError) {
        guard let open = pending else { return }
        do {
            try await runPending()
        } catch {
            let index = macro.steps.firstIndex { $0.position == open.position } ?? 0
            let step = macro.steps.indices.contains(index) ? macro.steps[index] : MacroStep(.openMenu(open.menu.name), at: open.position)
            throw MacroError(.stepFailed(step, number: index + 1, underlying: error), macro: macro.text, button: macro.button)
        }
    }

    private func runPending() async throws {
        guard let open = pending else { return }
        pending = nil
        let input = typed
        typed = ""
        try await run(open.menu, input: input.isEmpty ? nil : input)
    }

    private func run(_ action: ActionDefinition, input: String?) async throws {
        var values = parameters
        if let input { values["input"] = input }
        let what = action.kind == .menu ? "Menu \"\(action.name)\"" : "Function \"\(action.name)\""
        for spec in action.parameters where values[spec.name] == nil {
            guard let answer = ask?("\(action.title.isEmpty ? action.name : action.title) – \(spec.name) (\(spec.type.rawValue))") else {
                throw PluginError(.invalidParameter, "\(what) needs the parameter \"\(spec.name)\" (\(spec.type.rawValue)): add --param \(spec.name)=VALUE")
            }
            values[spec.name] = answer
        }
        // Checked against the declared types; undeclared extras (such as input) pass through.
        for spec in action.parameters { _ = try spec.type.parse(values[spec.name]!, name: spec.name) }
        let ask = self.ask
        let title = action.title.isEmpty ? action.name : action.title
        try await action.implementation.run(ActionContext(
            parameters: values, logger: logger, output: output, ask: ask.map { ask in { ask("\(title) – \($0)") } }))
    }
}

extension Macro {
    /// Runs the macro against the registry: every step, then a menu left open.
    public func run(with performer: RegistryMacroPerformer) async throws(MacroError) {
        try await run(on: performer)
        try await performer.finish(self)
    }
}
