extension Macro {
    /// Runs the steps in order on `performer`, stopping at the first step that throws.
    ///
    /// - Throws: `MacroError` with code `.stepFailed`, naming the button, the macro, the step
    ///   and its position; the performer's error is in `underlying`.
    public func run(on performer: any MacroPerformer) async throws(MacroError) {
        for (offset, step) in steps.enumerated() {
            do {
                switch step.action {
                case .openMenu(let name): try await performer.openMenu(name, at: step.position)
                case .runFunction(let code): try await performer.runFunction(code, at: step.position)
                case .confirm: try await performer.confirm()
                case .type(let text): try await performer.type(text)
                }
            } catch {
                throw MacroError(.stepFailed(step, number: offset + 1, underlying: error), macro: text, button: button)
            }
        }
    }
}
