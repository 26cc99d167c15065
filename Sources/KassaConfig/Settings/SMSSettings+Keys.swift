extension SMSSettings {
    /// The keys of `[sms]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("provider", type: "\"file\", \"kannel\" or \"http\"", meaning: "Where text messages go: lines in the outbox folder, Kannel's sendsms interface, or an HTTP JSON provider.",
                         default: .value("\"file\""), example: "\"kannel\""),
        ConfigurationKey("url", type: "http:// or https:// address", meaning: "The provider's address.",
                         default: .unset("required by \"kannel\" and \"http\""), example: "\"http://127.0.0.1:13013/cgi-bin/sendsms\""),
        ConfigurationKey("username", type: "text", meaning: "The login at the provider.",
                         default: .unset("no login"), example: "\"shop\""),
        ConfigurationKey("password_env", type: "environment variable name", meaning: "The environment variable that holds the provider's password.",
                         default: .unset("no password"), example: "\"KASSA_SMS_PASSWORD\""),
        ConfigurationKey("sender", type: "phone number, or at most 11 letters and digits", meaning: "The sender phones show.",
                         default: .required("sending SMS"), example: "\"Cykelbutik\""),
        ConfigurationKey("price_per_segment", type: "amount of at least 0", meaning: "What one SMS segment costs, in [shop] currency, for cost previews.",
                         default: .value("0"), example: "0.45"),
    ] + HTTPConnectionSettings.keys(of: "SMS")
}
