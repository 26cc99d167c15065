import Foundation

/// A real SMTP server for a test: aiosmtpd running
/// `Tests/KassaSMTPTests/Fixtures/smtp_test_server.py` on 127.0.0.1, on a port the kernel
/// picks, which captures every accepted message to a folder.
///
/// ```swift
/// let folder = TemporaryDirectory()
/// let server = try AiosmtpdServer(in: folder, tls: .startTLS(try TestCertificate.selfSigned(in: folder.path)),
///                                 credentials: ("shop", "hemligt"))
/// defer { server.stop() }
/// … send to 127.0.0.1:\(server.port) …
/// let mail = try server.messages()
/// ```
///
/// The recipient's local part steers the server: `reject5…` is refused with 550,
/// `reject4…` with 451, and for `drop…` the message is captured and the connection cut
/// before the reply to the final dot; `acceptsEveryRecipient` turns that off (the mailbox
/// that was refused exists now).
public final class AiosmtpdServer {
    /// How the server protects the connection.
    public enum TLS: Sendable {
        /// Clear text; STARTTLS is not offered.
        case none
        /// STARTTLS offered with this certificate; `required` refuses mail without it.
        case startTLS(TestCertificate, required: Bool = false)
        /// TLS from the first byte with this certificate.
        case implicit(TestCertificate)
    }

    /// Always 127.0.0.1.
    public let host = "127.0.0.1"
    /// The port it listens on.
    public let port: Int
    /// Where accepted messages are written.
    public let messageFolder: String
    private let child: ChildProcess

    /// Starts a server whose files live in `folder`. With `credentials`, AUTH is required and
    /// only `mechanisms` are offered.
    public init(
        in folder: TemporaryDirectory,
        tls: TLS = .none,
        credentials: (username: String, password: String)? = nil,
        mechanisms: [String] = ["PLAIN", "LOGIN"],
        acceptsEveryRecipient: Bool = false,
        script: String = AiosmtpdServer.script
    ) throws {
        messageFolder = folder.file("mail-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: messageFolder, withIntermediateDirectories: true)
        let portFile = messageFolder + ".port"
        var arguments = [script, "--dir", messageFolder, "--port-file", portFile]
        switch tls {
        case .none:
            break
        case .startTLS(let certificate, let required):
            arguments += ["--cert", certificate.certificatePath, "--key", certificate.keyPath]
            if required { arguments.append("--require-starttls") }
        case .implicit(let certificate):
            arguments += ["--cert", certificate.certificatePath, "--key", certificate.keyPath, "--implicit-tls"]
        }
        if let credentials {
            arguments += ["--auth", "\(credentials.username):\(credentials.password)", "--auth-mechanisms", mechanisms.joined(separator: ",")]
        }
        if acceptsEveryRecipient { arguments.append("--accept-all") }
        child = try ChildProcess(ChildProcess.python, arguments, logPath: messageFolder + ".log", name: "aiosmtpd test server")
        do {
            port = try child.waitForPort(inFile: portFile)
        } catch {
            child.stop(grace: 0)
            throw error
        }
    }

    deinit {
        stop()
    }

    /// The test server script.
    public static var script: String {
        (KassaProcess.repositoryRoot as NSString).appendingPathComponent("Tests/KassaSMTPTests/Fixtures/smtp_test_server.py")
    }

    /// Stops the server.
    public func stop() {
        child.stop(grace: 1)
    }

    /// What the server wrote (its log and any traceback).
    public var log: String { child.output }

    /// The messages accepted so far, in the order they arrived.
    public func messages() throws -> [CapturedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: messageFolder)
            .filter { $0.hasSuffix(".eml") }
            .sorted()
        return try names.map { name in
            let path = (messageFolder as NSString).appendingPathComponent(name)
            let metaPath = String(path.dropLast(4)) + ".json"
            let meta = try JSONDecoder().decode(Meta.self, from: Data(contentsOf: URL(fileURLWithPath: metaPath)))
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            return CapturedMail(path: path, bytes: bytes, mailFrom: meta.mail_from, recipients: meta.rcpt_tos,
                                mailOptions: meta.mail_options, login: meta.login, overTLS: meta.tls)
        }
    }

    private struct Meta: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var mail_options: [String]
        var login: String?
        var tls: Bool
    }
}
