import KassaCore

extension ThrottleSettings {
    /// The keys of `[throttle]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("batch", type: "whole number of at least 0", meaning: "Messages per connection before a pause; 0 means no pauses.",
                         default: .value("100"), example: "50"),
        ConfigurationKey("pause", type: "number of seconds of at least 0", meaning: "Seconds to wait after each batch.",
                         default: .value("10"), example: "30"),
        ConfigurationKey("delay", type: "number of seconds of at least 0", meaning: "Seconds to wait between two messages.",
                         default: .value("0"), example: "0.5"),
        ConfigurationKey("rate", type: "number of at least 0", meaning: "At most this many messages per second; 0 means no limit.",
                         default: .value("0"), example: "20"),
    ]
}
