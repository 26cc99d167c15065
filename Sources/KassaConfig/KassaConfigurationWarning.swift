/// Something in the configuration file that Kassa ignores, such as a misspelt key.
///
/// Unknown keys and sections are warnings, not errors, so that a file written for a
/// newer Kassa still loads; the warning makes a typo visible (`hots` for `host`).
public struct KassaConfigurationWarning: Sendable, Hashable, CustomStringConvertible {
    /// The configuration file as it was named.
    public let fileName: String
    /// The line of the ignored key, starting at 1.
    public let line: Int?
    /// The dotted path of the ignored key, such as `smtp.hots`.
    public let key: String
    /// A sentence without the file and line, such as
    /// `unknown key "hots" in [smtp] is ignored; did you mean "host"?`.
    public let message: String

    /// A warning from its parts.
    public init(fileName: String, line: Int?, key: String, message: String) {
        self.fileName = fileName
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: message`.
    public var description: String {
        if let line { return "\(fileName):\(line): \(message)" }
        return "\(fileName): \(message)"
    }
}
