/// One step of a macro and where it was written.
public struct MacroStep: Sendable, Hashable, CustomStringConvertible {
    /// What a step does.
    public enum Action: Sendable, Hashable {
        /// `##MENU#Name#`: open the menu function registered as `Name`.
        case openMenu(String)
        /// `#CODE#`: run the function registered under `CODE`.
        case runFunction(String)
        /// `¤`: Enter / confirm.
        case confirm
        /// Literal text, typed as it stands (escapes already resolved).
        case type(String)
    }

    /// What the step does.
    public var action: Action
    /// The position (1-based, in Characters) in the macro where the step is written.
    public var position: Int

    /// A step doing `action`, written at `position`.
    public init(_ action: Action, at position: Int) {
        self.action = action
        self.position = position
    }

    /// The step in words for messages: `open menu "UtskickUtskrift2"`, `confirm`.
    public var description: String {
        switch action {
        case .openMenu(let name): "open menu \"\(name)\""
        case .runFunction(let code): "run function \"\(code)\""
        case .confirm: "confirm"
        case .type(let text): "type \"\(MacroError.printable(text))\""
        }
    }
}
