extension SMTPSettings {
    /// The keys of `[smtp]`, and of `[users.NAME.smtp]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("host", type: "host name", meaning: "The mail server.",
                         default: .unset("mail goes to the outbox folder"), example: "\"smtp.example.se\""),
        ConfigurationKey("port", type: "port number", meaning: "The mail server's port.",
                         default: .unset("the usual port of tls: 25, 587 or 465"), example: "2525"),
        ConfigurationKey("tls", type: "\"none\", \"starttls\" or \"tls\"", meaning: "How the connection is protected: STARTTLS that must succeed, TLS from the first byte, or none (only for a server on the same machine).",
                         default: .value("\"starttls\""), example: "\"tls\""),
        ConfigurationKey("username", type: "text", meaning: "The login at the mail server.",
                         default: .unset("no login"), example: "\"shop\""),
        ConfigurationKey("password_env", type: "environment variable name", meaning: "The environment variable that holds the password; a password is never written in the file.",
                         default: .unset("no password"), example: "\"KASSA_SMTP_PASSWORD\""),
        ConfigurationKey("from", type: "sender, like \"Shop <info@example.se>\"", meaning: "The sender of every e-mail, also of mail written to the outbox folder.",
                         default: .required("sending e-mail"), example: "\"Cykelbutiken <info@example.se>\""),
        ConfigurationKey("dkim_selector", type: "text", meaning: "The DKIM selector; dkim_selector, dkim_domain and dkim_key go together.",
                         default: .unset("mail is not DKIM-signed"), example: "\"k1\""),
        ConfigurationKey("dkim_domain", type: "domain name", meaning: "The DKIM signing domain.",
                         default: .unset("mail is not DKIM-signed"), example: "\"example.se\""),
        ConfigurationKey("dkim_key", type: "file path", meaning: "The PEM file of the DKIM private key, relative to the folder of kassa.toml.",
                         default: .unset("mail is not DKIM-signed"), example: "\"dkim.pem\""),
        ConfigurationKey("ca_file", type: "file path", meaning: "A PEM file of CA certificates trusted besides the system's, for a server with a certificate from a private CA.",
                         default: .unset("only the system's CAs"), example: "\"ca.pem\""),
        ConfigurationKey("unsubscribe_url", type: "https URL", meaning: "The List-Unsubscribe link of marketing mail, with one-click unsubscribe; {customer} and {mailing} become the customer number and the mailing's id.",
                         default: .unset("no link"), example: "\"https://shop.example.se/unsubscribe?c={customer}\""),
        ConfigurationKey("unsubscribe_mailto", type: "e-mail address", meaning: "The List-Unsubscribe address of marketing mail, with the same {customer} and {mailing}.",
                         default: .unset("no address"), example: "\"unsubscribe@example.se\""),
    ]
}
