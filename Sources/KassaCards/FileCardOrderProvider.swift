import Foundation
import KassaCore

/// The default order service: each batch becomes a pair of files in the outbox folder,
/// `cards-20261130T142501Z-1a2b3c4d.json` and `.csv`, for whoever forwards the orders.
///
/// Files appear whole or not at all: each is written to a hidden temporary file in the
/// same folder, flushed to disk, then linked to its final name, which fails rather than
/// replace an existing file. If either file cannot be written, neither is left behind.
/// The folder is created when missing, so a fresh machine can order.
///
/// See `FileCardOrderProvider+Formats.swift` for the JSON and CSV layouts.
public struct FileCardOrderProvider: CardOrderProvider {
    /// The folder the files go to, usually `[outbox] dir`.
    public let directory: String
    private let now: @Sendable () -> Date
    private let makeBatchID: @Sendable () -> String

    /// A provider writing to `directory`.
    ///
    /// - Parameters:
    ///   - now: the clock for the file name and receipt; tests pass a fixed time.
    ///   - batchID: makes a batch id of letters, digits and `-`; by default 8 random hex digits.
    public init(directory: String,
                now: @escaping @Sendable () -> Date = { Date() },
                batchID: @escaping @Sendable () -> String = FileCardOrderProvider.randomBatchID) {
        self.directory = directory
        self.now = now
        self.makeBatchID = batchID
    }

    /// Eight lower-case hex digits from a random UUID: short enough to read out on the
    /// phone, and with the second in the name, collisions are not a practical concern.
    public static func randomBatchID() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8)).lowercased()
    }

    /// Writes `orders` as one batch.
    ///
    /// - Throws: `CardError` `empty_batch` without orders; `file_exists` when a file of the
    ///   batch's name is already there (it is left untouched); `write_failed` when the folder
    ///   cannot be created or written. Either way no file of the batch remains.
    public func submit(_ orders: [CardOrder]) throws -> CardOrderReceipt {
        guard !orders.isEmpty else {
            throw CardError(.emptyBatch, "A card order batch needs at least one order; none were given")
        }
        let batchID = makeBatchID()
        guard !batchID.isEmpty, batchID.unicodeScalars.allSatisfy(Self.isFileNameSafe) else {
            throw CardError(.writeFailed, "The batch id \(CardError.quoted(batchID)) cannot be part of a file name; use letters, digits and \"-\"")
        }
        let submittedAt = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        let stem = "cards-\(Self.compactTimestamp(submittedAt))-\(batchID)"
        let files = [
            (name: stem + ".json", contents: try Self.json(orders, batchID: batchID, submittedAt: submittedAt)),
            (name: stem + ".csv", contents: Self.csv(orders, batchID: batchID)),
        ]
        let written = try AtomicFileWriter(directory: directory).writeAll(files)
        return CardOrderReceipt(batchID: batchID, submittedAt: submittedAt, orderCount: orders.count, locations: written)
    }

    private static func isFileNameSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-": true
        default: false
        }
    }

    /// `20261130T142501Z`: sorts by time and has no `:`, which some file systems refuse.
    static func compactTimestamp(_ date: Date) -> String {
        date.utcTimestamp.filter { $0 != "-" && $0 != ":" }
    }
}
