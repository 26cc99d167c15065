import Foundation
import KassaCore

/// The embedded e-mail transport: each message becomes an RFC 5322 `.eml` file in the
/// outbox folder, so every workflow runs on a machine without a mail server.
///
/// Files are `OUTBOX/mail/mailing-ID/CUSTOMER.eml` (test sends: `OUTBOX/mail/test/…` with a
/// time stamp). A file is written beside its final name, flushed, and linked into place
/// (the commit point); linking never replaces a file, so a message delivered once is never
/// delivered again, even when an `unknown` row is resent.
public final class FileMailTransport: MessageTransport {
    public let channel = Channel.email
    public let directory: URL
    public let from: MailAddress
    public let listUnsubscribe: ListUnsubscribe?
    private let encoder: MIMEEncoder

    public init(directory: String, from: MailAddress, listUnsubscribe: ListUnsubscribe? = nil) {
        self.directory = URL(fileURLWithPath: directory).appendingPathComponent("mail")
        self.from = from
        self.listUnsubscribe = listUnsubscribe
        encoder = MIMEEncoder(messageIDDomain: from.address.split(separator: "@").last.map(String.init))
    }

    public func deliver(_ message: OutgoingMessage, commit: () throws -> Void) -> DeliveryOutcome {
        let mail = MailMessage(
            from: from, to: [MailAddress(message.address, displayName: message.displayName)],
            subject: message.content.subject ?? "", text: message.content.text, html: message.content.html,
            listUnsubscribe: message.purpose == .marketing ? listUnsubscribe : nil)
        let encoded: EncodedMail
        do {
            encoded = try encoder.encode(mail)
        } catch {
            return .failed(reason: "\(error)")
        }
        let folder = directory.appendingPathComponent(message.mailingID.map { "mailing-\($0)" } ?? "test")
        let name = message.mailingID == nil
            ? "\(Self.safe(message.customerNumber))-\(Int(Date().timeIntervalSince1970 * 1000)).eml"
            : "\(Self.safe(message.customerNumber)).eml"
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).\(getpid()).partial")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.writeDurably(encoded.bytes, to: temporary.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return .retry(reason: "the outbox file \(target.path) cannot be written: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try commit()
        } catch {
            return .retry(reason: "the journal could not record the send: \(error)")
        }
        if link(temporary.path, target.path) != 0 {
            if errno == EEXIST { return .sent(reference: "already in the outbox: \(target.path)") }
            return .unknown(reason: "linking \(target.path) failed: \(String(cString: strerror(errno)))")
        }
        return .sent(reference: encoded.messageID)
    }

    public func close() {}

    /// A customer number as a file name: anything but letters, digits, `-` and `_` becomes `_`.
    static func safe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
            default: "_"
            }
        })
    }

    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { _ = Foundation.close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
