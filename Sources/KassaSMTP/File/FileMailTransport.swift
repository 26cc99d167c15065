import Foundation
import KassaCore

/// The embedded e-mail transport: each message becomes an RFC 5322 `.eml` file in the
/// outbox folder, so every workflow runs on a machine without a mail server.
///
/// Files are `OUTBOX/mail/mailing-ID/CUSTOMER.eml` (test sends: `OUTBOX/mail/test/…` with a
/// time stamp). A file is staged beside its final name and flushed, then published
/// (`StagedFile`) after the commit point; publishing never replaces a file, so a message
/// delivered once is never delivered again, even when an `unknown` row is resent.
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
        let staged: StagedFile
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            staged = try StagedFile.stage(Data(encoded.bytes), as: name, in: folder.path, stagedName: ".\(name).\(getpid()).partial")
        } catch {
            return .retry(reason: "the outbox file \(folder.appendingPathComponent(name).path) cannot be written: \(error)")
        }
        do {
            try commit()
        } catch {
            staged.discard()
            return .retry(reason: "the journal could not record the send: \(error)")
        }
        do throws(StagedFile.Failure) {
            try staged.publish()
        } catch {
            staged.discard()
            switch error {
            case .exists(let path): return .sent(reference: "already in the outbox: \(path)")
            case .failed(let path, let reason): return .unknown(reason: "naming \(path) failed: \(reason)")
            }
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
}
