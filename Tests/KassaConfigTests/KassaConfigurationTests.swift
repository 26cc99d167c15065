import Foundation
import Testing
@testable import KassaConfig
import KassaCore

@Suite struct KassaConfigurationTests {
    private let base = "/srv/shop"

    private func parse(_ text: String) throws -> KassaConfiguration {
        try KassaConfiguration.parse(text, fileName: "kassa.toml", baseDirectory: base)
    }

    private func failure(_ text: String) -> KassaConfigurationError? {
        do {
            _ = try KassaConfiguration.parse(text, fileName: "kassa.toml", baseDirectory: base)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Defaults

    @Test func anEmptyFileGivesTheDefaults() throws {
        var configuration = try parse("# nothing configured yet\n")
        #expect(configuration.sourcePath == "kassa.toml")
        configuration.sourcePath = nil
        #expect(configuration == KassaConfiguration(baseDirectory: base))
    }

    @Test func theDefaultsRunOnAFreshMachine() throws {
        let defaults = KassaConfiguration(baseDirectory: base)
        #expect(defaults.baseDirectory == base)
        #expect(defaults.outbox.directory == "/srv/shop/outbox")
        #expect(!defaults.smtp.isConfigured)
        #expect(defaults.smtp.tls == .starttls)
        #expect(defaults.smtp.effectivePort == 587)
        #expect(!defaults.smtp.signsWithDKIM)
        #expect(defaults.sms.provider == .file)
        #expect(defaults.cards.provider == .file)
        // No card, no price, no currency, no cheque rule and no sender is invented.
        #expect(defaults.cards.templates.isEmpty)
        #expect(defaults.shop.currency == nil && defaults.shop.name == nil)
        #expect(defaults.cheques.pointsPerCheque == nil && defaults.cheques.chequeValue == nil)
        #expect(defaults.limits.scriptTimeout > 0)
        #expect(defaults.limits.scriptMemoryBytes == defaults.limits.scriptMemoryMB * 1024 * 1024)
        #expect(defaults.plugins.directories.isEmpty)
        #expect(defaults.users.isEmpty)
        #expect(defaults.warnings.isEmpty)
        #expect(try defaults.smtp.resolvedPassword(environment: [:]) == nil)
    }

    @Test func theStaticDefaultsResolveAgainstTheCurrentDirectory() {
        let current = FileManager.default.currentDirectoryPath
        #expect(KassaConfiguration.defaults.outbox.directory == URL(fileURLWithPath: current).appendingPathComponent("outbox").path)
    }

    // MARK: Every section

    static let specExample = """
        [shop]
        name = "Cykelbutiken"
        country = "se"
        currency = "sek"
        language = "sv_SE"

        [limits]
        script_timeout = 2.5
        script_memory_mb = 32        # per call of a plugin

        [outbox]
        dir = "spool/outbox"

        [smtp]
        host = "mail.example.se"
        port = 2525
        tls = "tls"
        username = "shop"
        password_env = "KASSA_SMTP_PASSWORD"
        from = "Cykelbutiken <info@example.se>"
        dkim_selector = "k1"
        dkim_domain = "example.se"
        dkim_key = "dkim.pem"

        [users.anna.smtp]
        username = "anna"
        password_env = "KASSA_ANNA_PASSWORD"
        from = "Anna <anna@example.se>"

        [users."Per Olsson".smtp]
        host = "smtp.other.se"
        tls = "none"

        [sms]
        provider = "kannel"
        url = "http://127.0.0.1:13013/cgi-bin/sendsms"
        username = "shop"
        password_env = "KASSA_SMS_PASSWORD"
        sender = "Cykelbutik"
        price_per_segment = 0.45

        [throttle]
        batch = 50
        pause = 30
        delay = 0.25
        rate = 5

        [cheques]
        points_per_cheque = 250
        cheque_value = 2.50

        [cards]
        provider = "none"
        rhythm = "weekly"
        validity_required = true
        holidays = ["2026-12-24", 2026-12-25]

        [[cards.templates]]
        name = "BASIS"
        cost = 4.90

        [[cards.templates]]
        name = "GULD"
        cost = 12

        [plugins]
        dirs = ["/opt/kassa/plugins", "local/plugins", "../shared/plugins"]
        """

    @Test func everySectionIsRead() throws {
        let configuration = try parse(Self.specExample)
        #expect(configuration.warnings == [])
        #expect(configuration.shop == ShopSettings(name: "Cykelbutiken", country: "SE", currency: "SEK", language: "sv-SE"))
        #expect(configuration.limits == LimitSettings(scriptTimeout: 2.5, scriptMemoryMB: 32))
        #expect(configuration.limits.scriptMemoryBytes == 32 * 1_048_576)
        #expect(configuration.outbox.directory == "/srv/shop/spool/outbox")
        #expect(configuration.smtp == SMTPSettings(
            host: "mail.example.se", port: 2525, tls: .tls, username: "shop",
            passwordEnvironmentVariable: "KASSA_SMTP_PASSWORD", from: "Cykelbutiken <info@example.se>",
            dkimSelector: "k1", dkimDomain: "example.se", dkimKeyPath: "/srv/shop/dkim.pem"))
        #expect(configuration.smtp.signsWithDKIM)
        #expect(configuration.sms == SMSSettings(
            provider: .kannel, url: "http://127.0.0.1:13013/cgi-bin/sendsms", username: "shop",
            passwordEnvironmentVariable: "KASSA_SMS_PASSWORD", sender: "Cykelbutik", pricePerSegment: 0.45))
        #expect(configuration.throttle == ThrottleSettings(batch: 50, pause: 30, delay: 0.25, rate: 5))
        #expect(configuration.cheques == ChequeSettings(pointsPerCheque: 250, chequeValue: 2.5))
        #expect(configuration.cards == CardSettings(
            provider: .none, rhythm: .weekly, validityRequired: true,
            holidays: [CalendarDate(year: 2026, month: 12, day: 24)!, CalendarDate(year: 2026, month: 12, day: 25)!],
            templates: [.init(name: "BASIS", cost: 4.90), .init(name: "GULD", cost: 12)]))
        #expect(configuration.plugins.directories == ["/opt/kassa/plugins", "/srv/shop/local/plugins", "/srv/shared/plugins"])
    }

    @Test func usersTakeWhatTheyLeaveOutFromTheSharedSMTPSection() throws {
        let configuration = try parse(Self.specExample)
        #expect(Set(configuration.users.keys) == ["anna", "Per Olsson"])
        let anna = configuration.smtp(forUser: "anna")
        #expect(anna.username == "anna")
        #expect(anna.passwordEnvironmentVariable == "KASSA_ANNA_PASSWORD")
        #expect(anna.from == "Anna <anna@example.se>")
        #expect(anna.host == "mail.example.se")
        #expect(anna.effectivePort == 2525)
        #expect(anna.dkimKeyPath == "/srv/shop/dkim.pem")
        let per = configuration.smtp(forUser: "Per Olsson")
        #expect(per.host == "smtp.other.se")
        #expect(per.tls == .none)
        #expect(per.username == "shop")
        #expect(configuration.smtp(forUser: "nobody") == configuration.smtp)
        #expect(configuration.smtp(forUser: nil) == configuration.smtp)
    }

    @Test func thePortFollowsTheTLSModeUnlessGiven() throws {
        #expect(try parse("[smtp]\nhost = \"h\"\ntls = \"tls\"").smtp.effectivePort == 465)
        #expect(try parse("[smtp]\nhost = \"h\"\ntls = \"none\"").smtp.effectivePort == 25)
        #expect(try parse("[smtp]\nhost = \"h\"\ntls = \"none\"\nport = 1025").smtp.effectivePort == 1025)
    }

    @Test func wholeNumbersAreAcceptedWhereDecimalsAre() throws {
        let configuration = try parse("[limits]\nscript_timeout = 3\n[cheques]\ncheque_value = 5\n[sms]\nprice_per_segment = 0")
        #expect(configuration.limits.scriptTimeout == 3.0)
        #expect(configuration.cheques.chequeValue == 5.0)
        #expect(configuration.sms.pricePerSegment == 0)
    }

    @Test func sectionsMayBeWrittenWithDottedKeysOrInlineTables() throws {
        let dotted = try parse("limits.script_timeout = 4\nsmtp = { host = \"mail\", port = 25 }\n")
        #expect(dotted.limits.scriptTimeout == 4)
        #expect(dotted.smtp.host == "mail")
        #expect(dotted.smtp.port == 25)
    }

    @Test func absolutePathsStayAndRelativeOnesFollowTheFile() throws {
        let configuration = try parse("[outbox]\ndir = \"/var/spool/kassa/\"\n[smtp]\ndkim_selector = \"s\"\ndkim_domain = \"d\"\ndkim_key = \"./keys/../keys/dkim.pem\"")
        #expect(configuration.outbox.directory == "/var/spool/kassa")
        #expect(configuration.smtp.dkimKeyPath == "/srv/shop/keys/dkim.pem")
    }

    @Test func theSMTPTrustAndUnsubscribeKeysAreRead() throws {
        let configuration = try parse("""
            [smtp]
            ca_file = "certs/relay-ca.pem"
            unsubscribe_url = "https://shop.example.se/unsubscribe?c={customer}&m={mailing}"
            unsubscribe_mailto = "unsubscribe@example.se"
            [users.anna.smtp]
            unsubscribe_mailto = "anna-unsubscribe@example.se"
            """)
        #expect(configuration.warnings == [])
        #expect(configuration.smtp.caFilePath == "/srv/shop/certs/relay-ca.pem")
        #expect(configuration.smtp.unsubscribeURL == "https://shop.example.se/unsubscribe?c={customer}&m={mailing}")
        #expect(configuration.smtp.unsubscribeMailto == "unsubscribe@example.se")
        let anna = configuration.smtp(forUser: "anna")
        #expect(anna.unsubscribeMailto == "anna-unsubscribe@example.se")
        #expect(anna.unsubscribeURL == configuration.smtp.unsubscribeURL)
    }

    @Test func aTemplateNeedsItsCost() throws {
        #expect(try parse("[cards]\ntemplates = []").cards.templates.isEmpty)
        #expect(try parse("[cards]\ntemplates = [{ name = \"A\", cost = 0 }]").cards.templates == [.init(name: "A", cost: 0)])
        let error = failure("[cards]\ntemplates = [{ name = \"A\" }]")
        #expect(error?.code == .missingValue)
        #expect(error?.description == #"kassa.toml:2: [[cards.templates]] "A" needs a cost, what one card costs in [shop] currency, like cost = 4.90"#)
    }

    // MARK: Bad values

    struct BadValue: CustomTestStringConvertible, Sendable {
        var document: String
        var description: String
        var code: KassaConfigurationError.Code
        var key: String?

        init(_ document: String, _ description: String, _ code: KassaConfigurationError.Code, key: String? = nil) {
            self.document = document
            self.description = description
            self.code = code
            self.key = key
        }

        var testDescription: String { description }
    }

    @Test(arguments: [
        BadValue("[shop]\nname = \"Cykelbutiken\"\n\n[limits]\nscript_memory_mb = 64\n\nscript_timeout = \"fast\"",
                 #"kassa.toml:7: [limits] script_timeout must be a positive number of seconds, not "fast""#, .wrongType,
                 key: "limits.script_timeout"),
        BadValue("[limits]\nscript_timeout = -1", "kassa.toml:2: [limits] script_timeout must be a positive number of seconds, not -1",
                 .invalidValue, key: "limits.script_timeout"),
        BadValue("[limits]\nscript_timeout = 0.0", "kassa.toml:2: [limits] script_timeout must be a positive number of seconds, not 0.0", .invalidValue),
        BadValue("[limits]\nscript_timeout = nan", "kassa.toml:2: [limits] script_timeout must be a positive number of seconds, not nan", .invalidValue),
        BadValue("[limits]\nscript_timeout = inf", "kassa.toml:2: [limits] script_timeout must be a positive number of seconds, not inf", .invalidValue),
        BadValue("[limits]\nscript_memory_mb = 64.5", "kassa.toml:2: [limits] script_memory_mb must be a whole number of MiB from 1 to 1048576, not 64.5", .wrongType),
        BadValue("[limits]\nscript_memory_mb = 0", "kassa.toml:2: [limits] script_memory_mb must be a whole number of MiB from 1 to 1048576, not 0", .invalidValue),
        BadValue("[shop]\ncountry = \"Sweden\"", #"kassa.toml:2: [shop] country must be a two-letter country code like "SE", not "Sweden""#, .invalidValue),
        BadValue("[shop]\ncurrency = 752", #"kassa.toml:2: [shop] currency must be a three-letter currency code like "SEK", not 752"#, .wrongType),
        BadValue("[shop]\nlanguage = \"svenska!\"", #"kassa.toml:2: [shop] language must be a language tag like "sv" or "nl-BE", not "svenska!""#, .invalidValue),
        BadValue("[shop]\nname = \"  \"", #"kassa.toml:2: [shop] name must be the shop's name in quotes, not "  ""#, .invalidValue),
        BadValue("[outbox]\ndir = 5", "kassa.toml:2: [outbox] dir must be a folder path in quotes, not 5", .wrongType),
        BadValue("[smtp]\ntls = \"ssl\"", #"kassa.toml:2: [smtp] tls must be "none", "starttls" or "tls", not "ssl""#, .invalidValue, key: "smtp.tls"),
        BadValue("[smtp]\ntls = true", #"kassa.toml:2: [smtp] tls must be "none", "starttls" or "tls", not true"#, .wrongType),
        BadValue("[smtp]\nport = 70000", "kassa.toml:2: [smtp] port must be a port number from 1 to 65535, not 70000", .invalidValue),
        BadValue("[smtp]\nport = \"587\"", #"kassa.toml:2: [smtp] port must be a port number from 1 to 65535, not "587""#, .wrongType),
        BadValue("[smtp]\nhost = \"mail example\"", #"kassa.toml:2: [smtp] host must be a host name in quotes, not "mail example""#, .invalidValue),
        BadValue("[smtp]\nfrom = \"Cykelbutiken\"", #"kassa.toml:2: [smtp] from must be a sender like "Cykelbutiken <info@example.se>", not "Cykelbutiken""#, .invalidValue),
        BadValue("[smtp]\npassword_env = \"MY PASSWORD\"", #"kassa.toml:2: [smtp] password_env must be the name of an environment variable, like "KASSA_SMTP_PASSWORD", not "MY PASSWORD""#, .invalidValue),
        BadValue("[smtp]\nhost = \"h\"\npassword = \"hemligt\"",
                 "kassa.toml:3: [smtp] password must not be written in the file; put it in an environment variable and name that variable with password_env",
                 .passwordInFile, key: "smtp.password"),
        BadValue("[smtp]\nhost = \"h\"\ndkim_selector = \"k1\"",
                 "kassa.toml:3: [smtp] dkim_selector, dkim_domain and dkim_key go together; dkim_domain and dkim_key are missing", .missingValue),
        BadValue("[smtp]\ndkim_selector = \"k1\"\ndkim_domain = \"example.se\"",
                 "kassa.toml:2: [smtp] dkim_selector, dkim_domain and dkim_key go together; dkim_key is missing", .missingValue),
        BadValue("[smtp]\nunsubscribe_url = \"http://shop.example.se/u\"",
                 #"kassa.toml:2: [smtp] unsubscribe_url must be an https URL like "https://shop.example.se/unsubscribe?c={customer}", not "http://shop.example.se/u""#, .invalidValue),
        BadValue("[smtp]\nunsubscribe_mailto = \"unsubscribe\"",
                 #"kassa.toml:2: [smtp] unsubscribe_mailto must be an address like "unsubscribe@example.se", not "unsubscribe""#, .invalidValue),
        BadValue("[users.anna.smtp]\n\nport = 0", "kassa.toml:3: [users.anna.smtp] port must be a port number from 1 to 65535, not 0", .invalidValue,
                 key: "users.anna.smtp.port"),
        BadValue("[users]\nanna = \"x\"", #"kassa.toml:2: [users] anna must be a table ([users.anna]), not "x""#, .wrongType),
        BadValue("[users.anna]\nsmtp = 1", "kassa.toml:2: [users.anna] smtp must be a table ([users.anna.smtp]), not 1", .wrongType),
        BadValue("shop = \"Cykelbutiken\"", #"kassa.toml:1: shop must be a table ([shop]), not "Cykelbutiken""#, .wrongType, key: "shop"),
        BadValue("[sms]\nprovider = \"kannel\"", #"kassa.toml:2: [sms] provider "kannel" needs a url"#, .missingValue),
        BadValue("[sms]\nprovider = \"sms77\"", #"kassa.toml:2: [sms] provider must be "file", "kannel" or "http", not "sms77""#, .invalidValue),
        BadValue("[sms]\nurl = \"ftp://host/x\"", #"kassa.toml:2: [sms] url must be an http:// or https:// address, not "ftp://host/x""#, .invalidValue),
        BadValue("[sms]\nsender = \"Cykelbutiken Åre\"", #"kassa.toml:2: [sms] sender must be a phone number or at most 11 letters and digits, not "Cykelbutiken Åre""#, .invalidValue),
        BadValue("[sms]\nprice_per_segment = -0.1", "kassa.toml:2: [sms] price_per_segment must be an amount of at least 0, not -0.1", .invalidValue),
        BadValue("[sms]\npassword = \"x\"", "kassa.toml:2: [sms] password must not be written in the file; put it in an environment variable and name that variable with password_env", .passwordInFile),
        BadValue("[throttle]\nbatch = -1", "kassa.toml:2: [throttle] batch must be a whole number of at least 0 (0 means no pauses), not -1", .invalidValue),
        BadValue("[throttle]\npause = \"10s\"", #"kassa.toml:2: [throttle] pause must be a number of seconds of at least 0, not "10s""#, .wrongType),
        BadValue("[throttle]\nrate = -5", "kassa.toml:2: [throttle] rate must be a number of messages per second of at least 0 (0 means no limit), not -5", .invalidValue),
        BadValue("[cheques]\npoints_per_cheque = 0", "kassa.toml:2: [cheques] points_per_cheque must be a whole number of at least 1, not 0", .invalidValue),
        BadValue("[cheques]\ncheque_value = 0", "kassa.toml:2: [cheques] cheque_value must be an amount above 0, not 0", .invalidValue),
        BadValue("[cards]\nrhythm = \"hourly\"", #"kassa.toml:2: [cards] rhythm must be "daily", "weekly" or "monthly", not "hourly""#, .invalidValue),
        BadValue("[cards]\nvalidity_required = \"yes\"", #"kassa.toml:2: [cards] validity_required must be true or false, not "yes""#, .wrongType),
        BadValue("[cards]\nholidays = [\"2026-12-24\",\n  \"2026-02-30\"]", #"kassa.toml:2: [cards] holidays must hold real dates like "2026-12-24", not "2026-02-30""#, .invalidValue, key: "cards.holidays"),
        BadValue("[cards]\nholidays = [\"24/12/2026\"]", #"kassa.toml:2: [cards] holidays must hold real dates like "2026-12-24", not "24/12/2026""#, .invalidValue),
        BadValue("[cards]\nholidays = [20261224]", #"kassa.toml:2: [cards] holidays must hold dates like "2026-12-24", not 20261224"#, .wrongType),
        BadValue("[cards]\nholidays = \"2026-12-24\"", #"kassa.toml:2: [cards] holidays must be a list of dates like "2026-12-24", not "2026-12-24""#, .wrongType),
        BadValue("[cards]\ntemplates = 5", "kassa.toml:2: [cards] templates must be a list of tables ([[cards.templates]]), not 5", .wrongType),
        BadValue("[[cards.templates]]\nname = \"A\"\ncost = 1\n[[cards.templates]]\ncost = 1", "kassa.toml:4: [[cards.templates]] needs a name", .missingValue,
                 key: "cards.templates"),
        BadValue("[[cards.templates]]\nname = \"A\"\ncost = 1\n[[cards.templates]]\nname = \"A\"",
                 #"kassa.toml:5: [[cards.templates]] name "A" is used by two templates; template names must be unique"#, .invalidValue),
        BadValue("[[cards.templates]]\nname = \"A\"\ncost = \"4,90\"", #"kassa.toml:3: [[cards.templates]] cost must be an amount of at least 0, not "4,90""#, .wrongType),
        BadValue("[plugins]\ndirs = \"/opt/kassa/plugins\"", #"kassa.toml:2: [plugins] dirs must be a list of folder paths in quotes, not "/opt/kassa/plugins""#, .wrongType),
        BadValue("[plugins]\ndirs = [\"\"]", #"kassa.toml:2: [plugins] dirs must be a list of folder paths in quotes, not """#, .invalidValue),
        BadValue("[plugins]\ndirs = [" + (1...30).map { "\"/opt/plugins/\($0)\"" }.joined(separator: ", ") + ", 1]",
                 "kassa.toml:2: [plugins] dirs must be a list of folder paths in quotes, not 1", .wrongType),
        BadValue("[shop]\nname \"Cykelbutiken\"", #"kassa.toml:2:6: invalid TOML in the key-value pair: expected '=', saw '"'"#, .invalidTOML),
    ])
    func badValuesNameFileLineAndKey(_ example: BadValue) throws {
        let error = try #require(failure(example.document))
        #expect(error.description == example.description)
        #expect(error.code == example.code)
        if let key = example.key { #expect(error.key == key) }
    }

    @Test func longValuesAreShortenedInMessages() throws {
        let list = "[" + (1...30).map { "\"/opt/plugins/\($0)\"" }.joined(separator: ", ") + "]"
        let error = try #require(failure("[shop]\nname = \(list)"))
        #expect(error.message.hasSuffix("…"))
        #expect(error.message.count < 140)
    }

    // MARK: Warnings

    @Test func unknownKeysAndSectionsAreWarningsWithSuggestions() throws {
        let configuration = try parse("""
            title = "x"
            [smtp]
            hots = "mail.example.se"
            host = "mail.example.se"
            [smpt]
            host = "typo"
            [users.anna]
            smpt.host = "x"
            [[cards.templates]]
            name = "A"
            colour = "red"
            cost = 1
            [future]
            answer = 42
            [throttle]
            batch_size = 10
            """)
        #expect(configuration.smtp.host == "mail.example.se")
        #expect(configuration.warnings.map(\.description) == [
            #"kassa.toml:1: the key "title" outside any section is ignored"#,
            #"kassa.toml:3: unknown key "hots" in [smtp] is ignored; did you mean "host"?"#,
            "kassa.toml:5: unknown section [smpt] is ignored; did you mean [smtp]?",
            #"kassa.toml:8: unknown key "smpt" in [users.anna] is ignored; did you mean "smtp"?"#,
            #"kassa.toml:11: unknown key "colour" in [[cards.templates]] is ignored"#,
            "kassa.toml:13: unknown section [future] is ignored",
            #"kassa.toml:16: unknown key "batch_size" in [throttle] is ignored"#,
        ])
        #expect(configuration.warnings.map(\.key) == ["title", "smtp.hots", "smpt", "users.anna.smpt", "cards.templates.colour", "future", "throttle.batch_size"])
    }

    @Test func suggestionsOnlyForNearMisses() {
        #expect(KassaConfiguration.nearest(to: "dir", among: ["dirs"]) == "dirs")
        #expect(KassaConfiguration.nearest(to: "Host", among: ["host", "port"]) == "host")
        #expect(KassaConfiguration.nearest(to: "script_timout", among: ["script_timeout", "script_memory_mb"]) == "script_timeout")
        #expect(KassaConfiguration.nearest(to: "colour", among: ["name", "cost"]) == nil)
        #expect(KassaConfiguration.editDistance("kitten", "sitting") == 3)
        #expect(KassaConfiguration.editDistance("", "abc") == 3)
        #expect(KassaConfiguration.editDistance("hots", "host") == 1)
    }

    // MARK: Passwords

    @Test func passwordsComeFromTheEnvironment() throws {
        let configuration = try parse(Self.specExample)
        let environment = ["KASSA_SMTP_PASSWORD": "s3cret", "KASSA_SMS_PASSWORD": "", "KASSA_ANNA_PASSWORD": "anna!"]
        #expect(try configuration.smtp.resolvedPassword(environment: environment) == "s3cret")
        #expect(try configuration.smtp(forUser: "anna").resolvedPassword(environment: environment) == "anna!")
        #expect(try configuration.sms.resolvedPassword(environment: environment) == "")
        #expect(try SMSSettings().resolvedPassword(environment: environment) == nil)
    }

    @Test func aMissingPasswordVariableIsAnError() throws {
        let configuration = try parse(Self.specExample)
        do {
            _ = try configuration.smtp.resolvedPassword(environment: ["OTHER": "x"])
            Issue.record("no error for a missing variable")
        } catch {
            #expect(error.code == .missingEnvironmentVariable)
            #expect(error.description == "the environment variable KASSA_SMTP_PASSWORD, named by password_env, is not set")
        }
    }

    // MARK: Loading files

    private func withTemporaryFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder.standardizedFileURL.path)
    }

    @Test func loadResolvesPathsAgainstTheFilesFolder() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/etc/kassa.toml"
            try FileManager.default.createDirectory(atPath: folder + "/etc", withIntermediateDirectories: true)
            try "[outbox]\ndir = \"../spool\"\n[plugins]\ndirs = [\"plugins\"]\n[smtp]\nhots = 1\n".write(toFile: path, atomically: true, encoding: .utf8)
            let configuration = try KassaConfiguration.load(from: path)
            #expect(configuration.sourcePath == path)
            #expect(configuration.baseDirectory == folder + "/etc")
            #expect(configuration.outbox.directory == folder + "/spool")
            #expect(configuration.plugins.directories == [folder + "/etc/plugins"])
            #expect(configuration.warnings.map(\.description) == [#"\#(path):6: unknown key "hots" in [smtp] is ignored; did you mean "host"?"#])
        }
    }

    @Test func loadNamesTheFileInErrors() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/kassa.toml"
            try Data("[limits]\nscript_timeout = \"fast\"\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: KassaConfigurationError(code: .wrongType, fileName: path, line: 2, key: "limits.script_timeout",
                                                    message: #"[limits] script_timeout must be a positive number of seconds, not "fast""#)) {
                try KassaConfiguration.load(from: path)
            }
            try Data([0x61, 0x20, 0x3D, 0x20, 0x22, 0xFF, 0x22]).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: KassaConfigurationError.self) { try KassaConfiguration.load(from: path) }
            #expect(error.code == .invalidTOML)
            #expect(error.description == "\(path):1:6: the file is not valid UTF-8 (byte 0xFF)")
        }
    }

    @Test func missingFilesAndFoldersAreUnreadable() throws {
        try withTemporaryFolder { folder in
            let missing = try #require(throws: KassaConfigurationError.self) { try KassaConfiguration.load(from: folder + "/none.toml") }
            #expect(missing.code == .unreadableFile)
            #expect(missing.description == "the configuration file \(folder)/none.toml does not exist")
            let directory = try #require(throws: KassaConfigurationError.self) { try KassaConfiguration.load(from: folder) }
            #expect(directory.code == .unreadableFile)
            #expect(directory.description == "the configuration file \(folder) is a folder, not a file")
        }
    }
}
