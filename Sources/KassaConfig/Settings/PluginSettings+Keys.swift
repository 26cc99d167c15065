import KassaCore

extension PluginSettings {
    /// The keys of `[plugins]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("dirs", type: "list of folder paths", meaning: "Plugin folders besides the shipped plugins/ folder, relative to the folder of kassa.toml.",
                         default: .value("[]"), example: "[\"/opt/kassa/plugins\"]"),
    ]

    /// The keys of one `[plugins.NAME]`: what the shop grants the plugin named NAME.
    public static let grantKeys: [ConfigurationKey] = [
        ConfigurationKey("allow", type: "list of permission names", meaning: "The effects the plugin may have, each also asked for in its manifest's permissions (known: \(PluginPermission.knownNames)). A plugin without a grant has no effects outside its script.",
                         default: .value("[]"), example: "[\"cards.order\"]"),
    ]
}
