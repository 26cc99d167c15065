import KassaCore
import KassaHTTP
import KassaSMS
import KassaTesting
import Testing

@Suite("Making the configured SMS transport")
struct SMSTransportFactoryTests {
    private let outbox = TemporaryDirectory()

    private func make(_ settings: SMSTransportFactory.Settings, environment: [String: String] = [:]) throws -> any MessageTransport {
        try SMSTransportFactory.make(settings: settings, outboxDirectory: outbox.path, environment: environment, logger: quietLogger)
    }

    private func error(_ settings: SMSTransportFactory.Settings, environment: [String: String] = [:]) -> SMSTransportError? {
        #expect(throws: SMSTransportError.self) { try make(settings, environment: environment) }
    }

    @Test("The default is the file transport into the outbox folder, with the sender")
    func fileByDefault() throws {
        let transport = try #require(try make(SMSTransportFactory.Settings(sender: "Cykelbutik")) as? FileSMSTransport)
        #expect(transport.directory == outbox.path)
        #expect(transport.sender == "Cykelbutik")
    }

    @Test("Kannel with url, username and password_env")
    func kannel() throws {
        let settings = SMSTransportFactory.Settings(provider: .kannel, url: "http://127.0.0.1:13013/cgi-bin/sendsms", username: "shop",
                                   passwordEnvironmentVariable: "KASSA_SMS_PASSWORD", sender: "Cykelbutik")
        let transport = try #require(try make(settings, environment: ["KASSA_SMS_PASSWORD": "pw"]) as? KannelSMSTransport)
        #expect(transport.configuration.password == "pw")
        #expect(transport.configuration.username == "shop")
        #expect(transport.configuration.sender == "Cykelbutik")
    }

    @Test("HTTP with basic authentication, or without any")
    func http() throws {
        let withLogin = SMSTransportFactory.Settings(provider: .http, url: "http://127.0.0.1:8080/a1/sms", username: "u1", passwordEnvironmentVariable: "SMS_PW")
        let transport = try #require(try make(withLogin, environment: ["SMS_PW": "x"]) as? HTTPSMSTransport)
        #expect(transport.configuration.username == "u1" && transport.configuration.password == "x")
        #expect(try make(SMSTransportFactory.Settings(provider: .http, url: "http://127.0.0.1:8080/sms")) is HTTPSMSTransport)
    }

    @Test("A provider without a url is named in the error", arguments: [SMSTransportFactory.Settings.Provider.kannel, .http])
    func missingURL(provider: SMSTransportFactory.Settings.Provider) {
        let error = error(SMSTransportFactory.Settings(provider: provider, username: "shop", passwordEnvironmentVariable: "P"), environment: ["P": "x"])
        #expect(error?.code == .missingURL)
        #expect(error?.message.contains("\"\(provider.rawValue)\" needs a url") == true)
    }

    @Test("Kannel without password_env, or with a variable that is not set")
    func missingPassword() {
        let url = "http://127.0.0.1:13013/cgi-bin/sendsms"
        let none = error(SMSTransportFactory.Settings(provider: .kannel, url: url, username: "shop"))
        #expect(none?.code == .missingPassword)
        #expect(none?.message.contains("password_env") == true)

        let unset = error(SMSTransportFactory.Settings(provider: .kannel, url: url, username: "shop", passwordEnvironmentVariable: "KASSA_SMS_PASSWORD"))
        #expect(unset?.code == .missingPassword)
        #expect(unset?.message.contains("KASSA_SMS_PASSWORD") == true)
    }

    @Test("Kannel without a username")
    func missingUsername() {
        let error = error(SMSTransportFactory.Settings(provider: .kannel, url: "http://127.0.0.1:13013/cgi-bin/sendsms", passwordEnvironmentVariable: "P"),
                          environment: ["P": "x"])
        #expect(error?.code == .missingUsername)
    }

    @Test("An HTTP username without a password, and a password without a username")
    func halfALogin() {
        let url = "http://127.0.0.1:8080/sms"
        #expect(error(SMSTransportFactory.Settings(provider: .http, url: url, username: "u1"))?.code == .missingPassword)
        #expect(error(SMSTransportFactory.Settings(provider: .http, url: url, passwordEnvironmentVariable: "P"), environment: ["P": "x"])?.code == .missingUsername)
    }

    @Test("An https url is taken, with ca_file and the timeouts passed to the client")
    func https() throws {
        let folder = TemporaryDirectory(prefix: "kassa-sms-ca")
        let authority = try TestCertificateAuthority.make(in: folder.path)
        let settings = SMSTransportFactory.Settings(provider: .http, url: "https://api.46elks.com/a1/sms", username: "u1", passwordEnvironmentVariable: "P",
                                   http: HTTPClient.Configuration(connectTimeout: 2, responseTimeout: 7, caFile: authority.caPath))
        let transport = try #require(try make(settings, environment: ["P": "x"]) as? HTTPSMSTransport)
        #expect(transport.configuration.http.caFile == authority.caPath)
        #expect(transport.configuration.http.connectTimeout == 2)
        #expect(transport.configuration.http.responseTimeout == 7)
    }

    @Test("A password over plain http to another machine is refused for the http provider, named with the url")
    func passwordInClearText() {
        let error = error(SMSTransportFactory.Settings(provider: .http, url: "http://api.46elks.com/a1/sms", username: "u1", passwordEnvironmentVariable: "P"),
                          environment: ["P": "x"])
        #expect(error?.code == .insecureURL)
        #expect(error?.message.contains("\"http://api.46elks.com/a1/sms\"") == true)
        #expect(error?.message.contains("https://") == true)
    }

    @Test("Plain http stays allowed to this machine, without a password, and for a Kannel gateway on the network")
    func plainHTTPWhereItIsSafe() throws {
        #expect(try make(SMSTransportFactory.Settings(provider: .http, url: "http://127.0.0.1:8080/sms", username: "u1", passwordEnvironmentVariable: "P"),
                         environment: ["P": "x"]) is HTTPSMSTransport)
        #expect(try make(SMSTransportFactory.Settings(provider: .http, url: "http://sms.example/sms")) is HTTPSMSTransport)
        #expect(try make(SMSTransportFactory.Settings(provider: .kannel, url: "http://192.168.1.20:13013/cgi-bin/sendsms", username: "shop",
                                     passwordEnvironmentVariable: "P"), environment: ["P": "x"]) is KannelSMSTransport)
    }

    @Test("A ca_file that is not there is named in the error")
    func missingCAFile() {
        let error = error(SMSTransportFactory.Settings(provider: .http, url: "https://api.46elks.com/a1/sms",
                                      http: HTTPClient.Configuration(caFile: "/nonexistent/ca.pem")))
        #expect(error?.code == .invalidCAFile)
        #expect(error?.message.contains("\"/nonexistent/ca.pem\"") == true)
        #expect(error?.message.contains("[sms] ca_file") == true)
    }
}
