extension LimitSettings {
    /// The keys of `[limits]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("script_timeout", type: "number of seconds above 0", meaning: "The wall-clock budget of one call of a plugin.",
                         default: .value("2.0"), example: "5.0"),
        ConfigurationKey("script_memory_mb", type: "whole number of MiB from 1 to \(maximumScriptMemoryMB)", meaning: "The memory cap of a plugin's Lua state.",
                         default: .value("64"), example: "128"),
    ]
}
