import KassaConfig
import KassaHTTP
import KassaSMS
import KassaSMTP

// The adapters take their own settings and know nothing of kassa.toml; here the keys of
// KassaConfig's sections become those settings.

extension SMTPTransport.Settings {
    /// The transport's settings from `[smtp]` or `[users.NAME.smtp]`.
    init(_ smtp: SMTPSettings) {
        let tls: SMTPTLSMode = switch smtp.tls {
        case .none: .none
        case .starttls: .startTLS
        case .tls: .implicit
        }
        var dkim: SMTPTransport.DKIM?
        if let selector = smtp.dkimSelector, let domain = smtp.dkimDomain, let keyPath = smtp.dkimKeyPath {
            dkim = SMTPTransport.DKIM(selector: selector, domain: domain, keyPath: keyPath)
        }
        self.init(host: smtp.host, port: smtp.effectivePort, tls: tls, username: smtp.username,
                  passwordEnvironmentVariable: smtp.passwordEnvironmentVariable, from: smtp.from, dkim: dkim,
                  caFilePath: smtp.caFilePath, unsubscribeURL: smtp.unsubscribeURL, unsubscribeMailto: smtp.unsubscribeMailto)
    }
}

extension SMSTransportFactory.Settings {
    /// The factory's settings from `[sms]`.
    init(_ sms: SMSSettings) {
        let provider: Provider = switch sms.provider {
        case .file: .file
        case .kannel: .kannel
        case .http: .http
        }
        self.init(provider: provider, url: sms.url, username: sms.username,
                  passwordEnvironmentVariable: sms.passwordEnvironmentVariable, sender: sms.sender,
                  http: HTTPClient.Configuration(sms.connection))
    }
}

extension HTTPClient.Configuration {
    /// A provider client's configuration from `ca_file`, `connect_timeout` and `timeout`.
    init(_ connection: HTTPConnectionSettings) {
        self.init(connectTimeout: connection.connectTimeout, responseTimeout: connection.timeout, caFile: connection.caFilePath)
    }
}
