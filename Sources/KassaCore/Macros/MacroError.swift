/// A macro that cannot be parsed, or a step that failed while it ran.
///
/// The message is one sentence naming the button (when known), the macro, the position and
/// the problem:
///
///     Macro "##MENU#Utskick": unterminated menu name starting at position 7 (expected a closing "#")
///     Button "Drawer": macro "#KLUT#¤": step 1 at position 1 (run function "KLUT") failed: no function "KLUT" is registered
public struct MacroError: CodedError, Sendable {
    /// What went wrong, as a stable identifier for programs and tests; new codes may be added.
    public typealias Code = ErrorCode<MacroError>

    /// Which kind of name a problem is about.
    enum NameKind: Sendable {
        case menu
        case function

        var words: String {
            switch self {
            case .menu: "menu name"
            case .function: "function code"
            }
        }
    }

    enum Problem: Sendable {
        case empty
        case unknownDirective(String, at: Int)
        case unterminatedMenu(at: Int)
        case missingMenuSeparator(found: Unicode.Scalar, at: Int, menuAt: Int)
        case unterminatedName(NameKind, openedAt: Int)
        case emptyName(NameKind, openedAt: Int)
        case invalidCharacter(Unicode.Scalar, at: Int, in: NameKind, openedAt: Int)
        case unknownEscape(Unicode.Scalar, at: Int)
        case danglingEscape(at: Int)
        case stepFailed(MacroStep, number: Int, underlying: any Error)
    }

    private let problem: Problem
    /// The macro as written.
    public let macro: String
    /// The label of the button carrying the macro, when known.
    public let button: String?

    init(_ problem: Problem, macro: String, button: String?) {
        self.problem = problem
        self.macro = macro
        self.button = button
    }

    /// What went wrong.
    public var code: Code {
        switch problem {
        case .empty: .empty
        case .unknownDirective: .unknownDirective
        case .unterminatedMenu, .unterminatedName: .unterminated
        case .emptyName: .emptyName
        case .missingMenuSeparator, .invalidCharacter: .invalidCharacter
        case .unknownEscape: .unknownEscape
        case .danglingEscape: .danglingEscape
        case .stepFailed: .stepFailed
        }
    }

    /// Where in the macro (1-based, in Characters) the problem is; `nil` for the empty macro.
    public var position: Int? {
        switch problem {
        case .empty: nil
        case .unknownDirective(_, let at), .unterminatedMenu(let at), .unknownEscape(_, let at),
             .danglingEscape(let at), .missingMenuSeparator(_, let at, _), .invalidCharacter(_, let at, _, _):
            at
        case .unterminatedName(_, let openedAt), .emptyName(_, let openedAt):
            openedAt
        case .stepFailed(let step, _, _):
            step.position
        }
    }

    /// The step that failed, for `.stepFailed`.
    public var step: MacroStep? {
        if case .stepFailed(let step, _, _) = problem { return step }
        return nil
    }

    /// The performer's error, for `.stepFailed`.
    public var underlying: (any Error)? {
        if case .stepFailed(_, _, let underlying) = problem { return underlying }
        return nil
    }

    /// The problem alone, without the button and macro: "unknown escape "\n" at position 4 (…)".
    public var problemDescription: String {
        // Raw strings with ### delimiters: the messages quote "#", "##" and "\" verbatim.
        let typeHash = ###"to type "#", write "\#""###
        switch problem {
        case .empty:
            return ###"the macro is empty (write at least one step, e.g. "##MENU#Name#", "#CODE#" or "¤")"###
        case .unknownDirective(let word, let at) where word.isEmpty:
            return ###""##" at position \###(at) is not followed by "MENU#" (only "##MENU#Name#" starts with "##"; \###(typeHash))"###
        case .unknownDirective(let word, let at):
            return ###"unknown directive "\###(word)" at position \###(at) (only "##MENU#Name#" starts with "##"; \###(typeHash))"###
        case .unterminatedMenu(let at):
            return ###"unterminated menu starting at position \###(at) (expected "##MENU#Name#")"###
        case .missingMenuSeparator(let found, let at, let menuAt):
            return ###"invalid character \###(Self.describe(found)) at position \###(at) after the "##MENU" starting at position \###(menuAt) (expected "#" and the menu name)"###
        case .unterminatedName(let kind, let openedAt):
            let hint = kind == .function ? "; \(typeHash)" : ""
            return ###"unterminated \###(kind.words) starting at position \###(openedAt) (expected a closing "#"\###(hint))"###
        case .emptyName(let kind, let openedAt):
            return ###"empty \###(kind.words) at position \###(openedAt) (write the name between the "#" signs, e.g. "##MENU#Name#")"###
        case .invalidCharacter(let found, let at, let kind, let openedAt):
            let hint = kind == .function ? "; \(typeHash)" : ""
            return ###"invalid character \###(Self.describe(found)) at position \###(at) in the \###(kind.words) starting at position \###(openedAt) (names use only the letters A-Z and a-z, digits and "_", and end with "#"\###(hint))"###
        case .unknownEscape(let found, let at):
            return ###"unknown escape "\\###(Self.printable(String(found)))" at position \###(at) (write "\#" for "#", "\¤" for "¤" and "\\" for "\")"###
        case .danglingEscape(let at):
            return ###"the "\" at position \###(at) ends the macro (write "\\" to type a backslash)"###
        case .stepFailed(let step, let number, let underlying):
            return "step \(number) at position \(step.position) (\(step)) failed: \(underlying)"
        }
    }

    /// The whole message: the button (when known), the macro, then the problem.
    public var message: String {
        let quotedMacro = "\"\(Self.printable(macro, limit: 120))\""
        let subject = button.map { "Button \"\(Self.printable($0, limit: 80))\": macro \(quotedMacro)" } ?? "Macro \(quotedMacro)"
        return "\(subject): \(problemDescription)"
    }

    /// A character for a message: `"x"`, or its code point when it would not show (`U+0301`).
    static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "\" \" (space)" }
        switch scalar.properties.generalCategory {
        case .control, .format, .nonspacingMark, .spacingMark, .enclosingMark, .spaceSeparator,
             .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return "U+" + hex(scalar.value)
        default:
            return "\"\(scalar)\" (U+\(hex(scalar.value)))"
        }
    }

    /// `text` on one line: control characters and line separators as `\u{…}` escapes, cut
    /// after `limit` Characters with "…". A leading combining mark is escaped too, or it
    /// would combine with the opening quote of the message.
    static func printable(_ text: String, limit: Int = .max) -> String {
        var result = ""
        for (offset, character) in text.enumerated() {
            if offset == limit {
                result += "…"
                break
            }
            for scalar in character.unicodeScalars {
                let category = scalar.properties.generalCategory
                let breaksLine = category == .control || category == .lineSeparator || category == .paragraphSeparator
                let isLeadingMark = result.isEmpty
                    && (category == .nonspacingMark || category == .spacingMark || category == .enclosingMark)
                if breaksLine || isLeadingMark {
                    result += "\\u{\(hex(scalar.value, width: 2))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    private static func hex(_ value: UInt32, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension ErrorCode where Domain == MacroError {
    /// The macro is the empty string.
    public static var empty: Self { Self("empty") }
    /// `##` followed by something other than `MENU#` (`##NOTMENU#x#`).
    public static var unknownDirective: Self { Self("unknown_directive") }
    /// The macro ends inside a menu or function code: a closing `#` is missing.
    public static var unterminated: Self { Self("unterminated") }
    /// `##MENU##`: no name between the `#`s.
    public static var emptyName: Self { Self("empty_name") }
    /// A character that cannot appear where it stands, e.g. a space in a function code.
    public static var invalidCharacter: Self { Self("invalid_character") }
    /// A backslash before something other than `#`, `¤` or `\`.
    public static var unknownEscape: Self { Self("unknown_escape") }
    /// A backslash at the very end of the macro.
    public static var danglingEscape: Self { Self("dangling_escape") }
    /// A step failed while the macro ran; `underlying` holds the performer's error.
    public static var stepFailed: Self { Self("step_failed") }
}
