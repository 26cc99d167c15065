import KassaCore

extension ShopSettings {
    /// The keys of `[shop]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("name", type: "text", meaning: "The shop's name as customers know it: `#BUTIK#` and `<NOMSOC>` in messages and documents.",
                         default: .required("sending mail and SMS; previews show [shop] name in its place"), example: "\"Cykelbutiken\""),
        ConfigurationKey("country", type: "two-letter country code", meaning: "The shop's country (ISO 3166-1, like \"SE\"): the country of imported customers and mobile numbers without one, and the only country whose customers get cheques, which are paid in the shop's currency.",
                         default: .required("cheques; import leaves a customer without a country as it is"), example: "\"NL\""),
        ConfigurationKey("currency", type: "three-letter currency code", meaning: "The currency of every amount (ISO 4217, like \"SEK\"): cheque values, card costs, SMS prices.",
                         default: .required("cheques and card orders"), example: "\"EUR\""),
        ConfigurationKey("language", type: "language tag", meaning: "The language of texts Kassa writes itself and of dates and amounts in messages, like \"sv\" or \"nl-BE\".",
                         default: .value("\"sv\""), example: "\"nl-BE\""),
    ]
}
