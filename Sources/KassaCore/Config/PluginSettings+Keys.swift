extension PluginSettings {
    /// The keys of `[plugins]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("dirs", type: "list of folder paths", meaning: "Plugin folders besides the shipped plugins/ folder, relative to the folder of kassa.toml.",
                         default: .value("[]"), example: "[\"/opt/kassa/plugins\"]"),
    ]
}
