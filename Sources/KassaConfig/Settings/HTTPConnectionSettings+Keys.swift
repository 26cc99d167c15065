extension HTTPConnectionSettings {
    /// The keys of a section whose provider speaks HTTP (`[sms]`, `[cards]`), for `owner`,
    /// the section's name in the texts.
    public static func keys(of owner: String) -> [ConfigurationKey] {
        [
            ConfigurationKey("ca_file", type: "path of a PEM file", meaning: "CA certificates trusted for the \(owner) provider's https address, besides the system's.",
                             default: .unset("the system's CA certificates only"), example: "\"ca.pem\""),
            ConfigurationKey("connect_timeout", type: "seconds above 0", meaning: "How long a connection to the \(owner) provider may take to open.",
                             default: .value("5"), example: "2.5"),
            ConfigurationKey("timeout", type: "seconds above 0", meaning: "How long the \(owner) provider may take to answer a request.",
                             default: .value("30"), example: "10"),
        ]
    }
}
