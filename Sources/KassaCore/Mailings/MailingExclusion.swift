/// Why a customer chosen by a mailing's selection receives no message from it.
public enum MailingExclusion: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A marketing mailing and no newsletter consent (GDPR, 001).
    case noConsent = "no_consent"
    /// An SMS mailing and no mobile number.
    case noMobile = "no_mobile"
    /// An e-mail mailing and no e-mail address.
    case noEmail = "no_email"

    /// In words, for reports: "no newsletter consent".
    public var description: String {
        switch self {
        case .noConsent: "no newsletter consent"
        case .noMobile: "no mobile number"
        case .noEmail: "no e-mail address"
        }
    }
}
