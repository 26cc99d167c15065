import Crypto
import Foundation
import KassaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded e-mail transport: each message becomes an RFC 5322 `.eml` file in the
/// outbox folder, so every workflow runs on a machine without a mail server.
///
/// Files are `OUTBOX/mail/mailing-ID/CUSTOMER-KEY.eml` (test sends: `OUTBOX/mail/test/…`
/// with a time stamp), readable by their owner alone, in folders made `0700`. `CUSTOMER`
/// is the customer number with anything but letters, digits, `-` and `_` as `_`, for people
/// to read; `KEY` is made from the exact number, so that numbers such as `A.1` and `A_1`,
/// or `a1` and `A1` on a disk that ignores case, never share a file.
///
/// A file is staged beside its final name and flushed, then published (`StagedFile`)
/// after the commit point; publishing never replaces a file, so a message delivered once
/// is never delivered again, even when an `unknown` row is resent. Each message carries
/// its outbox row's key in `X-Kassa-Idempotency-Key`: a file found at the name counts as
/// this message sent only when it carries the same key; anything else there (another
/// message, a symbolic link) is left as it is and the message fails with the reason.
public final class FileMailTransport: MessageTransport {
    public let channel = Channel.email
    public let directory: URL
    public let from: MailAddress
    public let listUnsubscribe: ListUnsubscribe?
    private let encoder: MIMEEncoder

    /// The header that says which outbox row a file's message is for.
    static let keyHeader = "X-Kassa-Idempotency-Key"

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
            headers: [MailHeader(name: Self.keyHeader, value: message.idempotencyKey)],
            listUnsubscribe: message.purpose == .marketing ? listUnsubscribe : nil)
        let encoded: EncodedMail
        do {
            encoded = try encoder.encode(mail)
        } catch {
            return .failed(reason: "\(error)")
        }
        let folder = directory.appendingPathComponent(message.mailingID.map { "mailing-\($0)" } ?? "test")
        let name = Self.fileName(for: message, at: Date())
        if let reason = FileWriting.createPrivateFolder(folder.path) {
            return .retry(reason: "the outbox folder \(folder.path) cannot be created: \(reason)")
        }
        let staged: StagedFile
        do {
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
            case .exists(let path):
                return Self.existing(at: path, isFor: encoded.bytes)
            case .failed(let path, let reason) where FileWriting.isSymbolicLink(path):
                return .failed(reason: "The outbox file \(path) cannot be written: \(reason)")
            case .failed(let path, let reason):
                return .unknown(reason: "naming \(path) failed: \(reason)")
            }
        }
        return .sent(reference: encoded.messageID)
    }

    public func close() {}

    /// `CUSTOMER-KEY.eml` for a mailing's message, `CUSTOMER-KEY-MILLISECONDS.eml` for a
    /// test send at `time`. `KEY` is 16 hex digits of the SHA-256 of the exact customer
    /// number: lower case, so a disk that ignores case keeps two numbers apart, and long
    /// enough that two numbers of one mailing sharing it is not a practical concern (and
    /// if they ever did, the second would find the first's file and fail, not pass as sent).
    static func fileName(for message: OutgoingMessage, at time: Date) -> String {
        let digest = SHA256.hash(data: Data(message.customerNumber.utf8))
        let key = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        let stem = "\(safe(message.customerNumber))-\(key)"
        return message.mailingID == nil ? "\(stem)-\(Int(time.timeIntervalSince1970 * 1000)).eml" : "\(stem).eml"
    }

    /// A customer number as part of a file name: anything but letters, digits, `-` and `_`
    /// becomes `_`. Readable, not unique: `fileName(for:at:)` adds the key.
    static func safe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
            default: "_"
            }
        })
    }

    /// What the file already at `path` means for the message `bytes`: sent when it is the
    /// same outbox row's message, else a failure that leaves the file alone.
    private static func existing(at path: String, isFor bytes: [UInt8]) -> DeliveryOutcome {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = FileWriting.reason(errno, at: path)
            return .failed(reason: "The outbox file \(path) is there already and cannot be read (\(reason)); it was left as it is and this message was not written")
        }
        let head = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).readData(ofLength: 1 << 16)
        let key = headerField(keyHeader, in: bytes)
        guard key != nil, headerField(keyHeader, in: Array(head)) == key else {
            return .failed(reason: "The outbox file \(path) holds another message; it was left as it is and this message was not written")
        }
        return .sent(reference: "already in the outbox: \(path)")
    }

    /// Header field `name` of the message `bytes`, unfolded, exactly as written (encoded
    /// words stay encoded); `nil` when the header has no such field.
    static func headerField(_ name: String, in bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let header = text.range(of: "\r\n\r\n").map { text[..<$0.lowerBound] } ?? text[...]
        let prefix = name.lowercased() + ":"
        var found: String?
        for line in header.components(separatedBy: "\r\n") {
            if line.first == " " || line.first == "\t" {
                if let value = found { found = value + line }
                continue
            }
            if found != nil { break }
            if line.lowercased().hasPrefix(prefix) { found = String(line.dropFirst(prefix.count)) }
        }
        return found?.trimmingCharacters(in: .whitespaces)
    }
}
