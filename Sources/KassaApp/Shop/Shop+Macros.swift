import KassaCore
import KassaScripting

extension Shop {
    /// Runs `macro` the way a cashier's keyboard would, with every plugin loaded: its menus
    /// and functions write to `output`, and a parameter `parameters` does not give is asked
    /// with `ask` (a terminal prompt), or is an error saying how to give it when `ask` is nil.
    public func run(_ macro: Macro, parameters: [String: String], output: @escaping (String) -> Void,
                    ask: RegistryMacroPerformer.Ask?) async throws {
        try await run(macro, on: makeHost(), parameters: parameters, output: output, ask: ask)
    }

    /// Presses the button labelled `label` that a plugin put on the board: runs its macro as
    /// `run(_:parameters:output:ask:)` does.
    ///
    /// - Returns: the button pressed.
    /// - Throws: `ShopError.unknownButton`, listing the buttons there are; the macro's errors.
    @discardableResult
    public func press(_ label: String, parameters: [String: String], output: @escaping (String) -> Void,
                      ask: RegistryMacroPerformer.Ask?) async throws -> ButtonDefinition {
        let host = makeHost()
        guard let button = host.registry.buttons.first(where: { $0.label == label }) else {
            let known = host.registry.buttons.map { "\"\($0.label)\"" }.joined(separator: ", ")
            throw ShopError(.unknownButton, "No button is labelled \"\(label)\"" + (known.isEmpty ? "" : " (buttons: \(known))"))
        }
        try await run(try Macro.parse(button.macro, button: button.label), on: host, parameters: parameters, output: output, ask: ask)
        return button
    }

    private func run(_ macro: Macro, on host: ScriptHost, parameters: [String: String], output: @escaping (String) -> Void,
                     ask: RegistryMacroPerformer.Ask?) async throws {
        let performer = RegistryMacroPerformer(registry: host.registry, parameters: parameters, logger: logger, output: output, ask: ask)
        try await macro.run(with: performer)
        withExtendedLifetime(host) {}
    }
}
