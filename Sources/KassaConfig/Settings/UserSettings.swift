/// `[users.NAME]`: what differs for one user of the back-office.
public struct UserSettings: Sendable, Hashable {
    /// The user's SMTP settings (`[users.NAME.smtp]`): every key the user leaves out is
    /// taken from `[smtp]`.
    public var smtp: SMTPSettings

    /// Settings with the user's SMTP settings.
    public init(smtp: SMTPSettings) {
        self.smtp = smtp
    }
}
