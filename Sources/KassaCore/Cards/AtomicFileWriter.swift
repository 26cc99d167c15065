import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a group of new files into one folder so that each appears whole or not at all,
/// none replaces an existing file, and a failure leaves none of the group behind.
///
/// Each file goes to a hidden temporary name in the same folder (so the final step never
/// crosses file systems), is flushed with `fsync`, and is then hard-linked to its final
/// name. `link` fails with `EEXIST` instead of replacing, unlike `rename`; the temporary
/// name is removed afterwards. Finally the folder itself is flushed so the new names
/// survive a power cut.
struct AtomicFileWriter {
    let directory: String

    /// Writes every file, or none; returns their paths in the given order.
    ///
    /// - Throws: `CardError` `file_exists` or `write_failed`.
    func writeAll(_ files: [(name: String, contents: Data)]) throws(CardError) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CardError(.writeFailed, "The order folder \(CardError.quoted(directory)) cannot be created: \(Self.reason(of: error))")
        }
        var temporaries: [String] = []
        var published: [String] = []
        defer {
            for path in temporaries { unlink(path) }
        }
        do throws(CardError) {
            for file in files {
                let temporary = path(".\(file.name).\(UUID().uuidString).tmp")
                try createFile(temporary, containing: file.contents, shownAs: file.name)
                temporaries.append(temporary)
            }
            for (file, temporary) in zip(files, temporaries) {
                let target = path(file.name)
                guard link(temporary, target) == 0 else {
                    let code = errno
                    if code == EEXIST {
                        throw CardError(.fileExists, "The order file \(CardError.quoted(target)) exists already; it was left as it is and nothing of this batch was written")
                    }
                    throw CardError(.writeFailed, "The order file \(CardError.quoted(target)) cannot be written: \(Self.reason(errno: code))")
                }
                published.append(target)
            }
        } catch {
            for target in published { unlink(target) }
            throw error
        }
        syncDirectory()
        return published
    }

    private func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    private func createFile(_ temporary: String, containing contents: Data, shownAs name: String) throws(CardError) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CardError(.writeFailed, "The order file \(CardError.quoted(path(name))) cannot be written: \(Self.reason(errno: errno))")
        }
        var failure: Int32 = 0
        contents.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += count
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw CardError(.writeFailed, "The order file \(CardError.quoted(path(name))) cannot be written: \(Self.reason(errno: failure))")
        }
    }

    /// Best effort: a folder that cannot be flushed still holds the files.
    private func syncDirectory() {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func reason(errno code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func reason(of error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
