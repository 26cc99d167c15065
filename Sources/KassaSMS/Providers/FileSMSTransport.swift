import Foundation
import KassaCore
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded default: "sends" each SMS by appending one JSON line to
/// `OUTBOX/sms-YYYYMMDD.jsonl` (the UTC date of the send), so every workflow runs on a fresh
/// machine and a reseller can hand the file to any gateway.
///
/// A line is a `FileSMSTransport.Record`: `time`, `to`, `from`, `text`, `encoding`,
/// `segments`, `mailing`, `customer`, `idempotency_key`. The line is written with one
/// `write` to a file opened for appending and flushed with `fsync` before `.sent` is
/// answered, so a message reported sent survives a power cut. A write that fails (a full
/// disk) is cut off again, so the file never holds half a line, and answers `.retry`.
/// The file is readable by its owner alone (`0600`, in a folder made `0700`) and never
/// written through a symbolic link planted at its name.
public final class FileSMSTransport: MessageTransport {
    /// Always `.sms`.
    public let channel = Channel.sms

    /// The outbox folder.
    public let directory: String
    /// The `from` written into each line; `nil` when `[sms] sender` is not set.
    public let sender: String?

    private let clock: () -> Date
    private let logger: Logger
    private var openFile: (path: String, descriptor: Int32)?
    private let encoder: JSONEncoder

    /// A transport writing into `directory` (created when missing).
    ///
    /// - Parameter clock: the time of each send; the file name's date comes from it.
    /// - Throws: `SMSTransportError` `.outboxUnavailable` when the folder cannot be created.
    public init(directory: String, sender: String?, clock: @escaping () -> Date = Date.init, logger: Logger) throws(SMSTransportError) {
        if let reason = FileWriting.createPrivateFolder(directory) {
            throw SMSTransportError(.outboxUnavailable, "The SMS outbox folder \"\(directory)\" cannot be created: \(reason)")
        }
        self.directory = directory
        self.sender = sender
        self.clock = clock
        self.logger = logger
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    deinit {
        close()
    }

    /// The file that messages sent at `time` go to.
    public func file(for time: Date) -> String {
        let day = time.utcTimestamp.prefix(10).replacingOccurrences(of: "-", with: "")
        return (directory as NSString).appendingPathComponent("sms-\(day).jsonl")
    }

    /// Checks the message, then commits and writes the line (see the type).
    public func deliver(_ message: OutgoingMessage, commit: () throws -> Void) -> DeliveryOutcome {
        guard !message.address.isEmpty else {
            return .failed(reason: "The SMS to customer \(message.customerNumber) has no mobile number.")
        }
        guard let text = message.content.text, !text.isEmpty else {
            return .failed(reason: "The SMS to \(message.address) has no text.")
        }
        let time = clock()
        let analysis = SMSAnalysis.analyze(text)
        let record = Record(time: time.utcTimestamp, to: message.address, from: sender, text: text,
                            encoding: analysis.encoding.rawValue, segments: analysis.segments,
                            mailing: message.mailingID, customer: message.customerNumber,
                            idempotencyKey: message.idempotencyKey)
        let line: Data
        do {
            line = try encoder.encode(record) + Data("\n".utf8)
        } catch {
            return .failed(reason: "The SMS to \(message.address) cannot be written as JSON: \(error).")
        }
        let path = file(for: time)
        let descriptor: Int32
        switch descriptorFor(path) {
        case .success(let opened): descriptor = opened
        case .failure(let problem): return .retry(reason: problem.reason)
        }
        do {
            try commit()
        } catch {
            return .retry(reason: "The message to \(message.address) was not written: recording the send failed (\(error)).")
        }
        if let reason = append(line, to: descriptor, path: path) {
            return .retry(reason: reason)
        }
        return .sent(reference: nil)
    }

    /// Closes the connection or file; the next message opens a new one.
    public func close() {
        if let openFile {
            closeDescriptor(openFile.descriptor)
            self.openFile = nil
        }
    }

    private struct WriteProblem: Error { var reason: String }

    /// The open descriptor for `path`, opening it (and flushing the folder when the file is
    /// new, so its name survives a power cut) when the day changed.
    private func descriptorFor(_ path: String) -> Result<Int32, WriteProblem> {
        if let openFile, openFile.path == path { return .success(openFile.descriptor) }
        close()
        let existed = FileManager.default.fileExists(atPath: path)
        let descriptor = FileWriting.openPrivate(path, O_APPEND | O_CREAT)
        guard descriptor >= 0 else {
            return .failure(WriteProblem(reason: "The SMS outbox file \"\(path)\" cannot be opened: \(FileWriting.reason(errno, at: path))."))
        }
        if !existed {
            let folder = open(directory, O_RDONLY | O_CLOEXEC)
            if folder >= 0 {
                _ = fsync(folder)
                closeDescriptor(folder)
            }
        }
        openFile = (path, descriptor)
        return .success(descriptor)
    }

    /// Appends `line` whole and flushes it; on failure cuts the file back and says why.
    private func append(_ line: Data, to descriptor: Int32, path: String) -> String? {
        var status = stat()
        let sizeBefore = fstat(descriptor, &status) == 0 ? status.st_size : -1
        var failure = line.withUnsafeBytes { FileWriting.writeAll($0, to: descriptor) }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        guard failure != 0 else { return nil }
        if sizeBefore >= 0 { _ = ftruncate(descriptor, sizeBefore) }
        logger.error("Writing to the SMS outbox failed", metadata: ["file": "\(path)", "error": "\(String(cString: strerror(failure)))"])
        close()
        return "The SMS outbox file \"\(path)\" cannot be written: \(String(cString: strerror(failure)))."
    }
}

/// The C library's `close`, which the transport's own `close()` hides inside the class.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
