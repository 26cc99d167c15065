import Foundation

/// A template that cannot be used, or a recipient it cannot be rendered for.
///
/// Compile errors are found when a template is saved or previewed, long before anything is
/// sent, and name the template, the line, the column and the token:
///
///     Template "birthday", line 2, column 5: unknown placeholder #FORNAME#. Did you mean #FORNAMN#?
///
/// Render errors concern one recipient and name the customer:
///
///     Customer 10023 has no first name for #FORNAMN# in template "birthday"; give a fallback like #FORNAMN|kund#.
public struct TemplateError: CodedError, Sendable, LocalizedError {
    /// What went wrong, as a stable identifier for programs and tests; new codes may be added.
    public typealias Code = ErrorCode<TemplateError>

    enum Problem: Sendable {
        case unknownPlaceholder(suggestion: String?)
        case unterminatedPlaceholder(expected: String)
        case unterminatedFallback
        case missingAttributeKey(example: String)
        case unknownFallback(key: String, suggestion: String?)
        case conflictingFallbacks(String, String)
        case missingValue(valueDescription: String, fromContext: Bool, example: String?)
        case partNotAllowed(MessageTemplate.Part, Channel)
        case missingBody(Channel)
        case lineBreakInSubject
    }

    private let problem: Problem
    /// The name of the template.
    public let template: String
    /// The part of a message template the problem is in, when the template is one.
    public internal(set) var part: MessageTemplate.Part?
    /// The line of the token (1-based), for problems at a place in the template text.
    public let line: Int?
    /// The column of the token's first character (1-based, in characters), with `line`.
    public let column: Int?
    /// The token as written (`#FORNAME#`, `<NUMFAKT>`), when the problem is about one.
    public let token: String?
    /// The number of the customer a render failed for.
    public let customer: String?

    init(_ problem: Problem, template: String, line: Int? = nil, column: Int? = nil, token: String? = nil, customer: String? = nil) {
        self.problem = problem
        self.template = template
        self.line = line
        self.column = column
        self.token = token
        self.customer = customer
    }

    /// What went wrong.
    public var code: Code {
        switch problem {
        case .unknownPlaceholder: .unknownPlaceholder
        case .unterminatedPlaceholder, .unterminatedFallback: .unterminatedPlaceholder
        case .missingAttributeKey: .missingAttributeKey
        case .unknownFallback: .unknownFallback
        case .conflictingFallbacks: .conflictingFallbacks
        case .missingValue: .missingValue
        case .partNotAllowed: .partNotAllowed
        case .missingBody: .missingBody
        case .lineBreakInSubject: .lineBreakInSubject
        }
    }

    /// The token the message suggests instead (`#FORNAMN#` for `#FORNAME#`), if any.
    public var suggestion: String? {
        switch problem {
        case .unknownPlaceholder(let suggestion), .unknownFallback(_, let suggestion): suggestion
        case .unterminatedPlaceholder(let expected): expected
        case .missingAttributeKey(let example): example
        case .missingValue(_, _, let example): example
        default: nil
        }
    }

    /// The whole message, one sentence naming the template (and part, line, column, token or
    /// customer) and the problem.
    public var message: String {
        let token = self.token ?? ""
        if case .missingValue(let valueDescription, let fromContext, let example) = problem {
            var sentence = "Customer \(customer ?? "?") has no \(valueDescription) for \(token) in \(templateDescription)"
            if fromContext {
                sentence += " (the \(valueDescription) is not given to this render)"
            }
            if let example {
                sentence += "; give a fallback like \(example)"
            } else {
                sentence += "; give a default fallback for it"
            }
            return sentence + "."
        }
        var subject = "Template \(Self.quoted(template))"
        if let part { subject += ", \(part.rawValue) part" }
        if let line, let column { subject += ", line \(line), column \(column)" }
        let problemText: String
        switch problem {
        case .unknownPlaceholder(let suggestion?):
            problemText = "unknown placeholder \(token). Did you mean \(suggestion)?"
        case .unknownPlaceholder(nil):
            problemText = "unknown placeholder \(token) (see the placeholder table; to write a literal \"#\", double it: \"##\")"
        case .unterminatedPlaceholder(let expected):
            problemText = "placeholder \(token) is not closed: write \(expected) (or \"#\(token)\" for the literal text)"
        case .unterminatedFallback:
            problemText = "the fallback of \(token) is not closed by \"#\" on its line"
        case .missingAttributeKey(let example):
            problemText = "\(token) needs the attribute's key after a dot, e.g. \(example)"
        case .unknownFallback(let key, let suggestion?):
            problemText = "default fallback for unknown placeholder \(Self.quoted(key)). Did you mean \(Self.quoted(suggestion))?"
        case .unknownFallback(let key, nil):
            problemText = "default fallback for unknown placeholder \(Self.quoted(key))"
        case .conflictingFallbacks(let first, let second):
            problemText = "default fallbacks \(Self.quoted(first)) and \(Self.quoted(second)) are for the same placeholder but differ"
        case .partNotAllowed(let part, let channel):
            problemText = "an \(channel.displayName) has no \(part == .html ? "HTML part" : part.rawValue)"
        case .missingBody(.sms):
            problemText = "an SMS needs a text"
        case .missingBody(.email):
            problemText = "an e-mail needs a text or an HTML part"
        case .lineBreakInSubject:
            problemText = "a subject is one line, but this one has a line break"
        case .missingValue:
            preconditionFailure("handled above")
        }
        return "\(subject): \(problemText)"
    }

    /// The message, for `localizedDescription`.
    public var errorDescription: String? { message }

    /// The same error, said to be in `part` of a message template.
    func inPart(_ part: MessageTemplate.Part) -> TemplateError {
        var copy = self
        copy.part = part
        return copy
    }

    private var templateDescription: String {
        let name = "template \(Self.quoted(template))"
        return part.map { "the \($0.rawValue) part of \(name)" } ?? name
    }

    /// `text` in double quotes, on one line.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\"": result += "\\\""
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension Channel {
    fileprivate var displayName: String {
        switch self {
        case .sms: "SMS"
        case .email: "e-mail"
        }
    }
}

extension ErrorCode where Domain == TemplateError {
    /// A token that is not in the catalog (`#FORNAME#`).
    public static var unknownPlaceholder: Self { Self("unknown_placeholder") }
    /// A known placeholder without its closing delimiter (`#FORNAMN `, `#FORNAMN|kund`).
    public static var unterminatedPlaceholder: Self { Self("unterminated_placeholder") }
    /// `#ATTR#` without the attribute's key (`#ATTR.shoe_size#`).
    public static var missingAttributeKey: Self { Self("missing_attribute_key") }
    /// A default fallback given for a name that is not a placeholder.
    public static var unknownFallback: Self { Self("unknown_fallback") }
    /// Two different default fallbacks for one placeholder (`FORNAMN` and `FIRST_NAME`).
    public static var conflictingFallbacks: Self { Self("conflicting_fallbacks") }
    /// A recipient lacks a value and the token has no fallback.
    public static var missingValue: Self { Self("missing_value") }
    /// A part the channel does not have (a subject or HTML for an SMS).
    public static var partNotAllowed: Self { Self("part_not_allowed") }
    /// A message without a body (an SMS without text, an e-mail without text and HTML).
    public static var missingBody: Self { Self("missing_body") }
    /// A subject written on more than one line.
    public static var lineBreakInSubject: Self { Self("line_break_in_subject") }
}
