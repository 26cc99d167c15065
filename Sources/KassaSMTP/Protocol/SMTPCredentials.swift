/// A username and password for SMTP AUTH.
///
/// `description` never shows the password, so credentials can be logged with a
/// configuration.
public struct SMTPCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The account name.
    public var username: String
    /// The password (from the environment variable that `password_env` names).
    public var password: String
    /// The mechanism to try first when the server offers it; the others follow in
    /// `SMTPAuthMechanism.allCases` order (PLAIN, then LOGIN).
    public var preferredMechanism: SMTPAuthMechanism?

    /// Credentials with an optional preferred mechanism.
    public init(username: String, password: String, preferredMechanism: SMTPAuthMechanism? = nil) {
        self.username = username
        self.password = password
        self.preferredMechanism = preferredMechanism
    }

    /// The mechanisms to try, preferred first.
    var mechanismsInPreferenceOrder: [SMTPAuthMechanism] {
        guard let preferredMechanism else { return SMTPAuthMechanism.allCases }
        return [preferredMechanism] + SMTPAuthMechanism.allCases.filter { $0 != preferredMechanism }
    }

    /// The user and mechanism; the password is redacted.
    public var description: String {
        let mechanism = preferredMechanism.map { ", preferring \($0.rawValue)" } ?? ""
        return "SMTPCredentials(username: \(SMTPError.quoted(username)), password: <redacted>\(mechanism))"
    }
}
