/// A button macro: the string a macro button carries, parsed into steps (SPEC §9).
///
/// ```swift
/// let macro = try Macro.parse("##MENU#UtskickUtskrift2#¤", button: "SMS to VIPs")
/// macro.steps.map(\.action)   // [.openMenu("UtskickUtskrift2"), .confirm]
/// try macro.run(on: performer)
/// ```
///
/// # The macro language
///
/// This is the one place where the rules are written down.
///
/// | Written            | Step                          | Example                       |
/// |--------------------|-------------------------------|-------------------------------|
/// | `##MENU#Name#`     | open the menu function `Name` | `##MENU#UtskickUtskrift2#`    |
/// | `#CODE#`           | run the function `CODE`       | `#KLUT#` (open the cash drawer) |
/// | `¤`                | Enter / confirm               | `##MENU#Rapport#¤`            |
/// | any other text     | typed as it stands            | `Hej 123`                     |
/// | `\#`, `\¤`, `\\`   | types `#`, `¤`, `\`           | `Order \#12` types `Order #12` |
///
/// - A `#` always starts a command; it never stands for itself. To type a `#`, write `\#`.
/// - `##` starts a menu and must be followed by `MENU#`, the name and a closing `#`
///   (`MENU` in capitals). Any other word after `##` (`##NOTMENU#x#`) is an error, so that a
///   typing mistake is reported instead of running something else.
/// - A single `#` starts a function code, which ends at the next `#`.
/// - Menu names and function codes are one or more ASCII letters, digits or `_`
///   (`[A-Za-z0-9_]+`), passed on exactly as written (case included). A space, an accented
///   letter or any other character inside them is an error: most likely a `#` meant as text.
/// - `¤` (U+00A4, the currency sign) is Enter. To type a `¤`, write `\¤`.
/// - A backslash escapes the next character, which must be `#`, `¤` or `\`. Any other escape
///   (`\n`, `\x`) and a backslash at the very end are errors. Line breaks and every other
///   character are typed as they are written, so any text can be typed.
/// - Consecutive typed characters form one `.type` step. The empty macro is an error.
/// - Parsing is by Unicode scalar, so a combining mark after `#`, `¤` or `\` does not hide
///   them; a combining mark that follows a command (`¤` + U+0301) is typed.
///
/// Positions (in steps and errors) count Characters, the first being 1; a step's position is
/// that of the Character holding its first scalar (for `\#` the backslash).
///
/// Every macro that parses is given back unchanged by `Macro.encode(steps)`, and every list of
/// valid steps encodes to a macro that parses back to the same steps (adjacent `.type` steps
/// merged): `encode` is the canonical way to write a macro from code.
public struct Macro: Sendable, Hashable, CustomStringConvertible {
    /// The macro as written.
    public let text: String
    /// The label of the button carrying the macro, named in error messages when known.
    public let button: String?
    /// The steps, in the order they run.
    public let steps: [MacroStep]

    init(text: String, button: String?, steps: [MacroStep]) {
        self.text = text
        self.button = button
        self.steps = steps
    }

    /// Parses a macro string; `button` (the button's label) is named in error messages.
    ///
    /// - Throws: `MacroError` naming the macro, the position and the problem.
    public static func parse(_ text: String, button: String? = nil) throws(MacroError) -> Macro {
        var parser = MacroParser(text: text, button: button)
        return Macro(text: text, button: button, steps: try parser.parse())
    }

    /// The macro that performs `actions`, written in canonical form.
    ///
    /// - Throws: `MacroError` when an action cannot be written, e.g. a menu name with a space.
    public init(actions: [MacroStep.Action], button: String? = nil) throws(MacroError) {
        self = try Macro.parse(Macro.encode(actions), button: button)
    }

    /// Whether `name` can be written as a menu name or function code: `[A-Za-z0-9_]+`.
    /// Registries use this to refuse names that no macro could reach.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy(isNameScalar)
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_": true
        default: false
        }
    }

    /// The macro as written.
    public var description: String { text }
}
