import Foundation
import KassaCore

/// Writes a group of new files into one folder so that each appears whole or not at all,
/// none replaces an existing file, and a failure leaves none of the group behind.
///
/// Each file is staged under a hidden temporary name in the same folder and flushed
/// (`StagedFile`); only when all are staged are they published under their final names,
/// which never replaces a file. If one cannot be published, the ones published before it
/// are removed again.
struct AtomicFileWriter {
    let directory: String

    /// Writes every file, or none; returns their paths in the given order.
    ///
    /// - Throws: `CardError` `file_exists` or `write_failed`.
    func writeAll(_ files: [(name: String, contents: Data)]) throws(CardError) -> [String] {
        if let reason = FileWriting.createPrivateFolder(directory) {
            throw CardError(.writeFailed, "The order folder \(CardError.quoted(directory)) cannot be created: \(reason)")
        }
        var staged: [StagedFile] = []
        defer {
            for file in staged { file.discard() }
        }
        var published: [StagedFile] = []
        do throws(StagedFile.Failure) {
            for file in files {
                staged.append(try StagedFile.stage(file.contents, as: file.name, in: directory,
                                                   stagedName: ".\(file.name).\(UUID().uuidString).tmp"))
            }
            for file in staged {
                try file.publish()
                published.append(file)
            }
        } catch {
            for file in published { file.unpublish() }
            switch error {
            case .exists(let path):
                throw CardError(.fileExists, "The order file \(CardError.quoted(path)) exists already; it was left as it is and nothing of this batch was written")
            case .failed(let path, let reason):
                throw CardError(.writeFailed, "The order file \(CardError.quoted(path)) cannot be written: \(reason)")
            }
        }
        return published.map(\.path)
    }
}
