/// What runs the steps of a macro: the plugin registry behind the buttons, or a test double.
///
/// Each method performs one step and throws when it cannot (an unknown menu, a function
/// that failed); `Macro.run(on:)` stops at the first error and wraps it in a `MacroError`
/// that names the macro and the step.
public protocol MacroPerformer {
    /// Opens the menu function registered as `name` (`##MENU#name#` at `position`).
    func openMenu(_ name: String, at position: Int) async throws
    /// Runs the function registered under `code` (`#code#` at `position`).
    func runFunction(_ code: String, at position: Int) async throws
    /// Enter / confirm (`¤`).
    func confirm() async throws
    /// Types `text` as it stands.
    func type(_ text: String) async throws
}
