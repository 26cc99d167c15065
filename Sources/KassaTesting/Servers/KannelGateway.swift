import Foundation

/// A real Kannel SMS gateway on 127.0.0.1 for tests and benchmarks: `bearerbox`, `smsbox`
/// and Kannel's fake SMS centre `fakesmsc` (Debian packages `kannel`, `kannel-extras`;
/// `scripts/setup` installs them), on free loopback ports, with what reaches the SMS centre
/// captured.
///
/// ```swift
/// let gateway = try KannelGateway.start()
/// // ... send to gateway.sendsmsURL as gateway.username / gateway.password ...
/// let messages = try gateway.waitForMessages(count: 1)
/// messages[0].text   // what the phone would get
/// ```
///
/// `stop()` (or releasing the value) ends all three programs. Limits of the fake SMS
/// centre: its line protocol cannot carry a line break inside a plain GSM text (the text
/// arrives cut at the break); concatenated parts and UCS-2 texts are URL-encoded and
/// arrive whole.
public final class KannelGateway {
    /// How the gateway is set up.
    public struct Options: Sendable {
        /// The `sendsms-user` login.
        public var username = "kassa"
        /// The `sendsms-user` password.
        public var password = "kannel-test-password"
        /// The sender used when a request names none (`global-sender`).
        public var globalSender = "12345"
        /// `max-messages` of the sendsms user: how many SMS one request may become.
        public var maximumMessages = 10
        /// `concatenation` of the sendsms user: whether Kannel adds a concatenation header
        /// when it splits a long text itself.
        public var concatenation = true
        /// Receivers starting with this are refused by the SMS centre's routing
        /// (`denied-prefix`): Kannel answers `Not routable. Do not try again.`
        public var deniedPrefix: String? = "999"
        /// Kannel's log level (0 debug … 4 panic).
        public var logLevel = 1

        /// The defaults.
        public init() {}
    }

    /// The four ports, all on 127.0.0.1.
    public struct Ports: Sendable {
        /// bearerbox's status pages.
        public var admin: Int
        /// Where smsbox connects to bearerbox.
        public var smsbox: Int
        /// Where the fake SMS centre connects to bearerbox.
        public var smsc: Int
        /// smsbox's sendsms interface.
        public var sendsms: Int
    }

    /// How the gateway was set up.
    public let options: Options
    /// Its ports on 127.0.0.1.
    public let ports: Ports
    /// The sendsms address: `http://127.0.0.1:PORT/cgi-bin/sendsms`.
    public let sendsmsURL: String
    /// The sendsms login.
    public var username: String { options.username }
    /// The sendsms password.
    public var password: String { options.password }

    private let folder: TemporaryDirectory
    private var bearerbox: ChildProcess?
    private var smsbox: ChildProcess?
    private var smsc: ChildProcess?
    private var smscRuns = 0

    /// Where Debian installs the three programs.
    public static let bearerboxPath = "/usr/sbin/bearerbox"
    public static let smsboxPath = "/usr/sbin/smsbox"
    public static let fakeSMSCPath = "/usr/lib/kannel/test/fakesmsc"

    /// Whether Kannel and its fake SMS centre are installed here.
    public static var isInstalled: Bool {
        [bearerboxPath, smsboxPath, fakeSMSCPath].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts the gateway and waits until sendsms answers and the SMS centre is online.
    public static func start(_ options: Options = Options(), timeout: Double = 20) throws -> KannelGateway {
        try KannelGateway(options: options, timeout: timeout)
    }

    private init(options: Options, timeout: Double) throws {
        guard Self.isInstalled else {
            throw TestServerError("Kannel is not installed (\(Self.bearerboxPath), \(Self.fakeSMSCPath)); run scripts/setup")
        }
        self.options = options
        folder = TemporaryDirectory(prefix: "kassa-kannel")
        let picked = try LoopbackPort.free(4)
        ports = Ports(admin: picked[0], smsbox: picked[1], smsc: picked[2], sendsms: picked[3])
        sendsmsURL = "http://127.0.0.1:\(ports.sendsms)/cgi-bin/sendsms"
        let configuration = try folder.write("kannel.conf", configurationText())

        do {
            bearerbox = try ChildProcess(Self.bearerboxPath, [configuration],
                                         logPath: folder.file("bearerbox.out"), name: "bearerbox")
            try waitUntil(timeout: timeout, "bearerbox to listen on port \(ports.smsbox)") { LoopbackPort.isListening(self.ports.smsbox) }
            try startSMSC()
            smsbox = try ChildProcess(Self.smsboxPath, [configuration],
                                         logPath: folder.file("smsbox.out"), name: "smsbox")
            try waitUntil(timeout: timeout, "smsbox to listen on port \(ports.sendsms)") { LoopbackPort.isListening(self.ports.sendsms) }
            try waitUntilSMSCIsOnline(timeout: timeout)
        } catch {
            stop()
            throw error
        }
    }

    deinit {
        stop()
    }

    /// Stops all three programs. Kannel's orderly shutdown takes about a second once it has
    /// carried messages; a test gateway keeps nothing worth it, so each gets half a second
    /// after `SIGTERM` before `SIGKILL`.
    public func stop() {
        smsbox?.stop(grace: 0.5)
        smsc?.stop(grace: 0.5)
        bearerbox?.stop(grace: 0.5)
        smsbox = nil
        smsc = nil
        bearerbox = nil
    }

    /// Disconnects the fake SMS centre: Kannel then queues what it is sent
    /// (`3: Queued for later delivery`) until `startSMSC()`.
    public func stopSMSC() {
        smsc?.stop(grace: 0.5)
        smsc = nil
    }

    /// Connects a fake SMS centre (again) and waits until the gateway sees it online.
    public func startSMSC(timeout: Double = 20) throws {
        guard smsc == nil else { return }
        smscRuns += 1
        smsc = try ChildProcess(Self.fakeSMSCPath,
                                ["-H", "127.0.0.1", "-r", String(ports.smsc), "-i", "0", "-m", "0", "123 234 text nop"],
                                         logPath: folder.file("fakesmsc-\(smscRuns).out"), name: "fakesmsc")
        if smsbox != nil { try waitUntilSMSCIsOnline(timeout: timeout) }
    }

    /// Every message the fake SMS centre has received so far, in order of arrival.
    public func received() -> [ReceivedSMS] {
        (1...max(smscRuns, 1)).flatMap { run -> [ReceivedSMS] in
            let text = (try? String(contentsOfFile: folder.file("fakesmsc-\(run).out"), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { Self.parse(String($0)) }
        }
    }

    /// Waits until at least `count` messages have arrived, and returns them all.
    public func waitForMessages(count: Int, timeout: Double = 10) throws -> [ReceivedSMS] {
        var messages = received()
        let deadline = Date().addingTimeInterval(timeout)
        while messages.count < count, Date() < deadline {
            usleep(20_000)
            messages = received()
        }
        guard messages.count >= count else {
            throw TestServerError("Kannel's fake SMS centre received \(messages.count) messages within \(timeout) seconds, not \(count)")
        }
        return messages
    }

    /// The gateway's status page (`/status.txt` on the admin port), or `""`.
    public func status() -> String {
        LoopbackPort.get(port: ports.admin, target: "/status.txt?password=kassa-admin") ?? ""
    }

    /// What the three programs logged, for a failing test's message.
    public func logs() -> String {
        ["bearerbox.out", "smsbox.out"].map { name in
            "== \(name)\n" + ((try? String(contentsOfFile: folder.file(name), encoding: .utf8)) ?? "")
        }.joined(separator: "\n")
    }

    // MARK: - Setting up

    private func configurationText() -> String {
        var text = """
        group = core
        admin-port = \(ports.admin)
        admin-interface = 127.0.0.1
        admin-password = kassa-admin
        admin-allow-ip = 127.0.0.1
        admin-deny-ip = "*.*.*.*"
        smsbox-port = \(ports.smsbox)
        smsbox-interface = 127.0.0.1
        box-allow-ip = 127.0.0.1
        box-deny-ip = "*.*.*.*"
        log-file = "\(folder.file("bearerbox.log"))"
        log-level = \(options.logLevel)
        access-log = "\(folder.file("bearerbox-access.log"))"

        group = smsc
        smsc = fake
        smsc-id = fake
        port = \(ports.smsc)
        connect-allow-ip = 127.0.0.1

        """
        if let prefix = options.deniedPrefix {
            text += "denied-prefix = \"\(prefix)\"\n"
        }
        text += """

        group = smsbox
        bearerbox-host = 127.0.0.1
        bearerbox-port = \(ports.smsbox)
        sendsms-port = \(ports.sendsms)
        sendsms-interface = 127.0.0.1
        global-sender = "\(options.globalSender)"
        log-file = "\(folder.file("smsbox.log"))"
        log-level = \(options.logLevel)
        access-log = "\(folder.file("smsbox-access.log"))"

        group = sendsms-user
        username = "\(options.username)"
        password = "\(options.password)"
        max-messages = \(options.maximumMessages)
        concatenation = \(options.concatenation)

        group = sms-service
        keyword = default
        text = "No service"

        """
        return text
    }

    /// Waits until bearerbox reports the fake SMS centre online and smsbox connected: until
    /// then sendsms holds requests (about a second after a start) or queues them.
    private func waitUntilSMSCIsOnline(timeout: Double) throws {
        try waitUntil(timeout: timeout, "the fake SMS centre to be online and smsbox connected") {
            let status = self.status()
            return status.contains("fake[fake]") && status.contains("(online") && status.contains("smsbox:")
        }
    }

    private func waitUntil(timeout: Double, _ what: String, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            for child in [bearerbox, smsbox, smsc].compactMap({ $0 }) where !child.isRunning {
                throw TestServerError("Kannel's \(child.name) stopped while waiting for \(what):\n\(child.output.suffix(2000))")
            }
            guard Date() < deadline else {
                throw TestServerError("Kannel did not get ready within \(timeout) seconds (waiting for \(what)):\n\(logs().suffix(2000))")
            }
            usleep(50_000)
        }
    }
}
