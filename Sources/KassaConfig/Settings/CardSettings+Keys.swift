import KassaCore

extension CardSettings {
    /// The keys of `[cards]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("provider", type: "\"none\", \"file\" or \"http\"", meaning: "The order service: \"file\" writes orders to the outbox folder, \"http\" posts them as JSON to url, \"none\" only allows a request for information.",
                         default: .value("\"file\""), example: "\"none\""),
        ConfigurationKey("rhythm", type: "\"daily\", \"weekly\" or \"monthly\"", meaning: "When ordered cards are shipped: the next working day, the next working day of the following week, or the first working day of the following month.",
                         default: .value("\"daily\""), example: "\"weekly\""),
        ConfigurationKey("validity_required", type: "true or false", meaning: "Whether every order needs a validity date.",
                         default: .value("false"), example: "true"),
        ConfigurationKey("holidays", type: "list of dates", meaning: "Days that are not working days, besides Saturdays and Sundays.",
                         default: .value("[]"), example: "[\"2026-12-24\", \"2026-12-25\"]"),
        ConfigurationKey("url", type: "text", meaning: "Where the \"http\" order service takes orders.",
                         default: .unset("required by provider = \"http\""), example: "\"http://127.0.0.1:8080/orders\""),
    ] + HTTPConnectionSettings.keys(of: "card order")

    /// The keys of one `[[cards.templates]]`.
    public static let templateKeys: [ConfigurationKey] = [
        ConfigurationKey("name", type: "text", meaning: "The template's name, unique among the templates; what kassa cards order --template takes.",
                         default: .required("every template"), example: "\"BASIS\""),
        ConfigurationKey("cost", type: "amount of at least 0, at most two decimals", meaning: "What one card costs (card, print and shipping), in [shop] currency.",
                         default: .required("every template"), example: "4.90"),
    ]
}
