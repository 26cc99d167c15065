import KassaCore

/// Why a shop cannot be opened or a use case cannot start: a missing register, a missing
/// configuration file or plugin folder, a user or a setting that is not configured.
///
/// `code` is stable for programs; `message` is a sentence for people that names the thing
/// (a file, a key, a user) and says how to put it right. Codes may be added; switch over
/// them with a `default`.
public struct ShopError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure.
    public typealias Code = ErrorCode<ShopError>

    /// What kind of failure this is.
    public let code: Code
    /// A sentence naming what is missing and how to give it.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorCode where Domain == ShopError {
    /// The configuration file named does not exist.
    public static var noConfigurationFile: Self { Self("no_configuration_file") }
    /// The configuration file cannot be read or holds a mistake; the message gives file:line.
    public static var invalidConfiguration: Self { Self("invalid_configuration") }
    /// A plugin folder named does not exist.
    public static var noPluginFolder: Self { Self("no_plugin_folder") }
    /// There is no customer register where the shop looks for one.
    public static var noRegister: Self { Self("no_register") }
    /// `--user NAME` names no `[users.NAME]`.
    public static var unknownUser: Self { Self("unknown_user") }
    /// A setting that Kassa never invents (the shop's name, a sender, the currency) is not set.
    public static var notConfigured: Self { Self("not_configured") }
    /// A transport or provider cannot be made from its settings (no host, an unreadable CA file).
    public static var invalidSettings: Self { Self("invalid_settings") }
    /// No button on the board has the label given.
    public static var unknownButton: Self { Self("unknown_button") }
    /// No customer has the number given.
    public static var unknownCustomer: Self { Self("unknown_customer") }
    /// The customer has no address for the channel (no e-mail address, no mobile number).
    public static var noAddress: Self { Self("no_address") }
    /// A native plugin outlived the host it was loaded into.
    public static var hostClosed: Self { Self("host_closed") }
}
