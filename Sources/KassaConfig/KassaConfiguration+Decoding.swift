import KassaCore

// From a TOML table to settings: each section starts from its defaults and takes the
// keys the file gives. Rules a reader of the file would not guess are written here.

extension KassaConfiguration {
    /// Settings from a parsed TOML table, with relative paths resolved against `baseDirectory`.
    /// Unknown keys and sections become `warnings`.
    /// - Throws: `KassaConfigurationError` naming the line and key of the first bad value.
    public static func decode(
        _ table: TOMLTable, fileName: String = "kassa.toml", baseDirectory: String
    ) throws(KassaConfigurationError) -> KassaConfiguration {
        try decode(table, fileName: fileName, baseDirectory: baseDirectory, ledger: nil)
    }

    /// The dotted paths of every key the decoder reads from `table` (`smtp.host`,
    /// `users.NAME.smtp.from`), for the test that each one is documented.
    static func keysRead(from table: TOMLTable) throws(KassaConfigurationError) -> Set<String> {
        let ledger = KeyLedger()
        _ = try decode(table, fileName: "kassa.toml", baseDirectory: "/", ledger: ledger)
        return ledger.keys
    }

    private static func decode(
        _ table: TOMLTable, fileName: String, baseDirectory: String, ledger: KeyLedger?
    ) throws(KassaConfigurationError) -> KassaConfiguration {
        var configuration = KassaConfiguration(baseDirectory: baseDirectory)
        let base = configuration.baseDirectory
        let root = Section(table, header: "", path: [], fileName: fileName, ledger: ledger)
        var warnings = root.unknownKeys(known: Keys.sections)

        if let section = try root.subsection("shop") {
            try decodeShop(section, into: &configuration.shop)
            warnings += section.unknownKeys(known: Keys.shop)
        }
        if let section = try root.subsection("limits") {
            try decodeLimits(section, into: &configuration.limits)
            warnings += section.unknownKeys(known: Keys.limits)
        }
        if let section = try root.subsection("outbox") {
            if let directory = try section.string("dir", expected: "a folder path in quotes", where: isNotBlank) {
                configuration.outbox.directory = resolve(directory, against: base)
            }
            warnings += section.unknownKeys(known: Keys.outbox)
        }
        if let section = try root.subsection("smtp") {
            configuration.smtp = try decodeSMTP(section, over: configuration.smtp, baseDirectory: base)
            warnings += section.unknownKeys(known: Keys.smtp)
        }
        if let section = try root.subsection("users") {
            for name in section.table.keys {
                guard let user = try section.subsection(name) else { continue }
                var settings = UserSettings(smtp: configuration.smtp)
                if let smtp = try user.subsection("smtp") {
                    // A user's SMTP settings start from [smtp]: most users share the server.
                    settings.smtp = try decodeSMTP(smtp, over: configuration.smtp, baseDirectory: base)
                    warnings += smtp.unknownKeys(known: Keys.smtp)
                }
                warnings += user.unknownKeys(known: Keys.user)
                configuration.users[name] = settings
            }
        }
        if let section = try root.subsection("sms") {
            try decodeSMS(section, into: &configuration.sms)
            try decodeConnection(section, into: &configuration.sms.connection, baseDirectory: base)
            warnings += section.unknownKeys(known: Keys.sms)
        }
        if let section = try root.subsection("throttle") {
            try decodeThrottle(section, into: &configuration.throttle)
            warnings += section.unknownKeys(known: Keys.throttle)
        }
        if let section = try root.subsection("cheques") {
            if let points = try section.integer("points_per_cheque", expected: "a whole number of at least 1", in: 1...Int.max) {
                configuration.cheques.pointsPerCheque = points
            }
            if let value = try section.number("cheque_value", expected: "an amount above 0", where: { $0 > 0 }) {
                configuration.cheques.chequeValue = value
            }
            warnings += section.unknownKeys(known: Keys.cheques)
        }
        if let section = try root.subsection("cards") {
            try decodeCards(section, into: &configuration.cards, service: &configuration.cardService, warnings: &warnings)
            try decodeConnection(section, into: &configuration.cardService.connection, baseDirectory: base)
            warnings += section.unknownKeys(known: Keys.cards)
        }
        if let section = try root.subsection("plugins") {
            if let directories = try section.strings("dirs", expected: "a list of folder paths in quotes", where: isNotBlank) {
                configuration.plugins.directories = directories.map { resolve($0, against: base) }
            }
            // Every table under [plugins] is one plugin's section, named after the plugin.
            let pluginNames = section.table.keys.filter { key in
                if case .table = section[key] { return !Keys.plugins.contains(key) }
                return false
            }
            for name in pluginNames.sorted() {
                guard let plugin = try section.subsection(name) else { continue }
                configuration.plugins.grants[name] = try decodeGrant(plugin, warnings: &warnings)
                warnings += plugin.unknownKeys(known: Keys.plugin)
            }
            warnings += section.unknownKeys(known: Keys.plugins + pluginNames)
        }

        configuration.warnings = warnings.enumerated()
            .sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }
            .map(\.element)
        return configuration
    }

    /// The keys each section knows, from the settings types' documentation; anything else
    /// is a warning.
    enum Keys {
        static let sections = ["shop", "limits", "outbox", "smtp", "users", "sms", "throttle", "cheques", "cards", "plugins"]
        static let shop = ShopSettings.keys.map(\.name)
        static let limits = LimitSettings.keys.map(\.name)
        static let outbox = OutboxSettings.keys.map(\.name)
        static let smtp = SMTPSettings.keys.map(\.name)
        static let user = ["smtp"]
        static let sms = SMSSettings.keys.map(\.name)
        static let throttle = ThrottleSettings.keys.map(\.name)
        static let cheques = ChequeSettings.keys.map(\.name)
        static let cards = CardSettings.keys.map(\.name) + ["templates"]
        static let cardTemplate = CardSettings.templateKeys.map(\.name)
        static let plugins = PluginSettings.keys.map(\.name)
        static let plugin = PluginSettings.grantKeys.map(\.name)
    }

    // MARK: Sections

    /// `allow = [...]` of one `[plugins.NAME]`: the known permissions; an unknown name is a
    /// warning (a typo grants nothing, and the plugin's refused call names what it needs).
    private static func decodeGrant(_ section: Section, warnings: inout [KassaConfigurationWarning]) throws(KassaConfigurationError) -> Set<String> {
        let names = try section.strings("allow", expected: "a list of permission names in quotes, like [\"cards.order\"]") ?? []
        var granted: Set<String> = []
        for name in names {
            if PluginPermission.isKnown(name) {
                granted.insert(name)
            } else {
                warnings.append(KassaConfigurationWarning(
                    fileName: section.fileName, line: section.line(of: "allow"), key: section.dottedKey("allow"),
                    message: "\(section.header) allow names \"\(name)\", which is not a permission (known: \(PluginPermission.knownNames)); it is ignored"))
            }
        }
        return granted
    }

    private static func decodeShop(_ section: Section, into shop: inout ShopSettings) throws(KassaConfigurationError) {
        if let name = try section.string("name", expected: "the shop's name in quotes", where: isNotBlank) {
            shop.name = name
        }
        if let country = try section.string("country", expected: "a two-letter country code like \"SE\"",
                                            where: { isASCIILetters($0, count: 2...2) }) {
            shop.country = country.uppercased()
        }
        if let currency = try section.string("currency", expected: "a three-letter currency code like \"SEK\"",
                                             where: { isASCIILetters($0, count: 3...3) }) {
            shop.currency = currency.uppercased()
        }
        if let language = try section.string("language", expected: "a language tag like \"sv\" or \"nl-BE\"",
                                             where: isLanguageTag) {
            // `sv_SE` is how POSIX writes it; BCP 47 uses a hyphen.
            shop.language = String(language.map { $0 == "_" ? "-" : $0 })
        }
    }

    private static func decodeLimits(_ section: Section, into limits: inout LimitSettings) throws(KassaConfigurationError) {
        if let timeout = try section.number("script_timeout", expected: "a positive number of seconds", where: { $0 > 0 }) {
            limits.scriptTimeout = timeout
        }
        let maximum = LimitSettings.maximumScriptMemoryMB
        if let memory = try section.integer("script_memory_mb", expected: "a whole number of MiB from 1 to \(maximum)",
                                            in: 1...maximum) {
            limits.scriptMemoryMB = memory
        }
    }

    private static func decodeSMTP(
        _ section: Section, over base: SMTPSettings, baseDirectory: String
    ) throws(KassaConfigurationError) -> SMTPSettings {
        try refusePassword(in: section)
        var smtp = base
        if let host = try section.string("host", expected: "a host name in quotes",
                                         where: { isNotBlank($0) && !$0.contains(where: \.isWhitespace) }) {
            smtp.host = host
        }
        if let port = try section.integer("port", expected: "a port number from 1 to 65535", in: 1...65535) {
            smtp.port = port
        }
        if let tls = try section.choice("tls", of: SMTPSettings.TLSMode.self) {
            smtp.tls = tls
        }
        if let username = try section.string("username", expected: "a user name in quotes") {
            smtp.username = username
        }
        if let variable = try section.string("password_env", expected: "the name of an environment variable, like \"KASSA_SMTP_PASSWORD\"",
                                             where: isEnvironmentVariableName) {
            smtp.passwordEnvironmentVariable = variable
        }
        if let from = try section.string("from", expected: "a sender like \"Cykelbutiken <info@example.se>\"",
                                         where: { isNotBlank($0) && $0.contains("@") }) {
            smtp.from = from
        }
        if let selector = try section.string("dkim_selector", expected: "a DKIM selector in quotes", where: isNotBlank) {
            smtp.dkimSelector = selector
        }
        if let domain = try section.string("dkim_domain", expected: "a domain name in quotes", where: isNotBlank) {
            smtp.dkimDomain = domain
        }
        if let key = try section.string("dkim_key", expected: "the path of a PEM key file in quotes", where: isNotBlank) {
            smtp.dkimKeyPath = resolve(key, against: baseDirectory)
        }
        if let file = try section.string("ca_file", expected: "the path of a PEM file of CA certificates in quotes", where: isNotBlank) {
            smtp.caFilePath = resolve(file, against: baseDirectory)
        }
        // RFC 8058 one-click needs HTTPS; a plain http link would also leak who unsubscribes.
        if let url = try section.string("unsubscribe_url", expected: "an https URL like \"https://shop.example.se/unsubscribe?c={customer}\"",
                                        where: { $0.lowercased().hasPrefix("https://") && !$0.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) }) {
            smtp.unsubscribeURL = url
        }
        if let mailto = try section.string("unsubscribe_mailto", expected: "an address like \"unsubscribe@example.se\"",
                                           where: { $0.contains("@") && !$0.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) }) {
            smtp.unsubscribeMailto = mailto
        }

        let dkim = [("dkim_selector", smtp.dkimSelector), ("dkim_domain", smtp.dkimDomain), ("dkim_key", smtp.dkimKeyPath)]
        let missing = dkim.filter { $0.1 == nil }.map(\.0)
        if !missing.isEmpty, missing.count < dkim.count {
            let given = dkim.first { section[$0.0] != nil }?.0
            let verb = missing.count == 1 ? "is" : "are"
            throw section.error(.missingValue, key: given,
                                "dkim_selector, dkim_domain and dkim_key go together; \(missing.joined(separator: " and ")) \(verb) missing")
        }
        return smtp
    }

    private static func decodeSMS(_ section: Section, into sms: inout SMSSettings) throws(KassaConfigurationError) {
        try refusePassword(in: section)
        if let provider = try section.choice("provider", of: SMSSettings.Provider.self) {
            sms.provider = provider
        }
        if let url = try section.string("url", expected: "an http:// or https:// address",
                                        where: { ($0.hasPrefix("http://") || $0.hasPrefix("https://")) && !$0.contains(where: \.isWhitespace) }) {
            sms.url = url
        }
        if let username = try section.string("username", expected: "a user name in quotes") {
            sms.username = username
        }
        if let variable = try section.string("password_env", expected: "the name of an environment variable, like \"KASSA_SMS_PASSWORD\"",
                                             where: isEnvironmentVariableName) {
            sms.passwordEnvironmentVariable = variable
        }
        if let sender = try section.string("sender", expected: "a phone number or at most 11 letters and digits",
                                           where: isSMSSender) {
            sms.sender = sender
        }
        if let price = try section.number("price_per_segment", expected: "an amount of at least 0", where: { $0 >= 0 }) {
            sms.pricePerSegment = price
        }
        if sms.provider != .file, sms.url == nil {
            throw section.error(.missingValue, key: "provider", "provider \"\(sms.provider.rawValue)\" needs a url")
        }
    }

    /// `ca_file`, `connect_timeout` and `timeout` of a section whose provider speaks HTTP.
    private static func decodeConnection(
        _ section: Section, into connection: inout HTTPConnectionSettings, baseDirectory: String
    ) throws(KassaConfigurationError) {
        if let file = try section.string("ca_file", expected: "the path of a PEM file of CA certificates in quotes", where: isNotBlank) {
            connection.caFilePath = resolve(file, against: baseDirectory)
        }
        if let seconds = try section.number("connect_timeout", expected: "a number of seconds above 0", where: { $0 > 0 }) {
            connection.connectTimeout = seconds
        }
        if let seconds = try section.number("timeout", expected: "a number of seconds above 0", where: { $0 > 0 }) {
            connection.timeout = seconds
        }
    }

    private static func decodeThrottle(_ section: Section, into throttle: inout ThrottleSettings) throws(KassaConfigurationError) {
        if let batch = try section.integer("batch", expected: "a whole number of at least 0 (0 means no pauses)", in: 0...Int.max) {
            throttle.batch = batch
        }
        if let pause = try section.number("pause", expected: "a number of seconds of at least 0", where: { $0 >= 0 }) {
            throttle.pause = pause
        }
        if let delay = try section.number("delay", expected: "a number of seconds of at least 0", where: { $0 >= 0 }) {
            throttle.delay = delay
        }
        if let rate = try section.number("rate", expected: "a number of messages per second of at least 0 (0 means no limit)",
                                         where: { $0 >= 0 }) {
            throttle.rate = rate
        }
    }

    private static func decodeCards(
        _ section: Section, into cards: inout CardSettings, service: inout CardServiceSettings,
        warnings: inout [KassaConfigurationWarning]
    ) throws(KassaConfigurationError) {
        if let provider = try section.choice("provider", of: CardSettings.Provider.self) {
            cards.provider = provider
        }
        if let rhythm = try section.choice("rhythm", of: CardSettings.Rhythm.self) {
            cards.rhythm = rhythm
        }
        if let required = try section.boolean("validity_required") {
            cards.validityRequired = required
        }
        if let holidays = try section.dates("holidays") {
            cards.holidays = holidays
        }
        if let url = try section.string("url", expected: "the order service's address in quotes, like \"https://cards.example.com/orders\"") {
            service.url = url
        }
        if let sections = try section.tables("templates") {
            var templates: [CardSettings.Template] = []
            for template in sections {
                guard let name = try template.string("name", expected: "the template's name in quotes", where: isNotBlank) else {
                    throw template.error(.missingValue, key: nil, "needs a name")
                }
                if templates.contains(where: { $0.name == name }) {
                    throw template.error(.invalidValue, key: "name",
                                         "name \(TOMLValue.quoted(name)) is used by two templates; template names must be unique")
                }
                // A card is not free because its price was left out.
                guard let cost = try template.number("cost", expected: "an amount of at least 0", where: { $0 >= 0 }) else {
                    throw template.error(.missingValue, key: nil, "\(TOMLValue.quoted(name)) needs a cost, what one card costs in [shop] currency, like cost = 4.90")
                }
                templates.append(CardSettings.Template(name: name, cost: cost))
                warnings += template.unknownKeys(known: Keys.cardTemplate)
            }
            cards.templates = templates
        }
    }

    /// A `password` key is an error, not a warning: the user believes the login is set up.
    private static func refusePassword(in section: Section) throws(KassaConfigurationError) {
        guard section["password"] != nil else { return }
        throw section.error(.passwordInFile, key: "password",
                            "password must not be written in the file; put it in an environment variable and name that variable with password_env")
    }

    // MARK: Value rules

    static func isNotBlank(_ text: String) -> Bool {
        !text.allSatisfy(\.isWhitespace)
    }

    static func isASCIILetters(_ text: String, count: ClosedRange<Int>) -> Bool {
        count.contains(text.count) && text.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// `sv`, `nl-BE`, `sr-Latn-RS`, and `sv_SE` as POSIX writes it.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let language = parts.first, isASCIILetters(String(language), count: 2...3) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// A POSIX environment variable name: letters, digits and `_`, not starting with a digit.
    static func isEnvironmentVariableName(_ text: String) -> Bool {
        guard let first = text.first, !first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// What a phone shows as the sender: a number of up to 15 digits, or up to 11 letters,
    /// digits and spaces with at least one letter (the GSM alphanumeric sender).
    static func isSMSSender(_ text: String) -> Bool {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if (1...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        return (1...11).contains(text.count)
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }
            && text.contains(where: \.isLetter)
    }
}
