extension OutboxSettings {
    /// The keys of `[outbox]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("dir", type: "folder path", meaning: "Where mail, SMS, card orders and voucher files are written when no server is configured; relative to the folder of kassa.toml.",
                         default: .value("\"outbox\""), example: "\"/var/spool/kassa\""),
    ]
}
