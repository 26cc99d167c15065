import Foundation
import KassaCore

/// Kassa's settings, read from `kassa.toml` (SPEC §13).
///
/// Every key is optional in the file, and `KassaConfiguration.defaults` runs on a fresh
/// machine, with mail, SMS and card orders going to files in the outbox folder; but what
/// would pay, price or sign something (the shop's name, currency and country, the senders,
/// `[cheques]`, card templates) has no default, and what needs it refuses until it is set.
/// `reference` lists every key (docs/configuration.md). Paths in the file (`[outbox]
/// dir`, `dkim_key`, `[plugins] dirs`) are relative to the file's folder and stored
/// resolved, as absolute paths. Passwords are never in the file: `password_env` names an
/// environment variable, read by `resolvedPassword(environment:)`.
public struct KassaConfiguration: Sendable, Hashable {
    /// `[shop]`.
    public var shop: ShopSettings
    /// `[limits]`.
    public var limits: LimitSettings
    /// `[outbox]`.
    public var outbox: OutboxSettings
    /// `[smtp]`.
    public var smtp: SMTPSettings
    /// `[users.NAME]`, by user name.
    public var users: [String: UserSettings]
    /// `[sms]`.
    public var sms: SMSSettings
    /// `[throttle]`.
    public var throttle: ThrottleSettings
    /// `[cheques]`.
    public var cheques: ChequeSettings
    /// `[cards]`.
    public var cards: CardSettings
    /// `[cards]` `url` and the connection keys of the `http` order service.
    public var cardService: CardServiceSettings
    /// `[plugins]`.
    public var plugins: PluginSettings
    /// Keys and sections of the file that Kassa ignored, in file order.
    public var warnings: [KassaConfigurationWarning]
    /// The file the settings came from, as it was named; `nil` for the defaults.
    public var sourcePath: String?
    /// The absolute folder that relative paths were resolved against.
    public var baseDirectory: String

    /// The defaults of a fresh machine, with relative paths resolved against `baseDirectory`.
    public init(baseDirectory: String) {
        let base = KassaConfiguration.absolutePath(baseDirectory)
        self.shop = ShopSettings()
        self.limits = LimitSettings()
        self.outbox = OutboxSettings(directory: KassaConfiguration.resolve("outbox", against: base))
        self.smtp = SMTPSettings()
        self.users = [:]
        self.sms = SMSSettings()
        self.throttle = ThrottleSettings()
        self.cheques = ChequeSettings()
        self.cards = CardSettings()
        self.cardService = CardServiceSettings()
        self.plugins = PluginSettings()
        self.warnings = []
        self.sourcePath = nil
        self.baseDirectory = base
    }

    /// The defaults of a fresh machine, with relative paths resolved against the current
    /// directory (where `kassa` looks for `kassa.toml` when no `--config` is given).
    public static var defaults: KassaConfiguration {
        KassaConfiguration(baseDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The SMTP settings of `user`: their `[users.NAME.smtp]`, or `[smtp]` for a user
    /// without their own settings and for `nil`.
    public func smtp(forUser user: String?) -> SMTPSettings {
        user.flatMap { users[$0]?.smtp } ?? smtp
    }
}
