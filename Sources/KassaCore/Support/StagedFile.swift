import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file made in two steps, so that it appears whole or not at all and can wait for a
/// database commit in between: `stage` writes it under a hidden name in its final folder
/// and flushes it to disk; `publish` gives it its final name.
///
/// Publishing hard-links the staged file to its final name: unlike `rename`, `link` fails
/// with `EEXIST` rather than replace a file that is already there. On file systems without
/// hard links (FAT, some network shares) it falls back to `rename` after checking that the
/// name is free. The staged name is in the same folder, so the final step never crosses
/// file systems; the folder is flushed afterwards so the new name survives a power cut.
///
/// The files hold customers' data: they are made `0600` and never written through a
/// symbolic link; one found at the final name is refused (`Failure.failed`, saying so).
public struct StagedFile {
    /// Why a file could not be staged or published; callers turn it into their own error.
    public enum Failure: Error {
        /// A file of the final name exists already; it was left as it is.
        case exists(path: String)
        /// The file could not be written or named; `reason` is the system's.
        case failed(path: String, reason: String)
    }

    /// The final path.
    public let path: String
    /// Where the file waits until it is published.
    let stagedPath: String

    /// Writes `contents` to `stagedName` in `directory` and flushes it, replacing a staged
    /// file of that name left by an earlier, interrupted run.
    ///
    /// - Throws: `Failure.failed` naming the final path when the file cannot be written;
    ///   nothing is left behind then.
    public static func stage(_ contents: Data, as name: String, in directory: String, stagedName: String) throws(Failure) -> StagedFile {
        let file = StagedFile(path: join(directory, name), stagedPath: join(directory, stagedName))
        unlink(file.stagedPath)
        let descriptor = FileWriting.openPrivate(file.stagedPath, O_CREAT | O_EXCL)
        guard descriptor >= 0 else { throw .failed(path: file.path, reason: FileWriting.reason(errno, at: file.stagedPath)) }
        var failure = contents.withUnsafeBytes { FileWriting.writeAll($0, to: descriptor) }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(file.stagedPath)
            throw .failed(path: file.path, reason: reason(failure))
        }
        return file
    }

    /// Gives the staged file its final name and removes the staged name.
    ///
    /// - Throws: `Failure.exists` when a file of the final name is there (it stays as it
    ///   is, and so does the staged file, for the caller to discard or retry), or
    ///   `Failure.failed`.
    public func publish() throws(Failure) {
        if link(stagedPath, path) != 0 {
            let code = errno
            if code == EEXIST {
                if FileWriting.isSymbolicLink(path) { throw .failed(path: path, reason: FileWriting.symbolicLinkReason) }
                throw .exists(path: path)
            }
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == ENOSYS else {
                throw .failed(path: path, reason: Self.reason(code))
            }
            // No hard links here: the name was checked free just before, which is as good
            // as such a file system allows.
            guard !FileWriting.isSymbolicLink(path) else { throw .failed(path: path, reason: FileWriting.symbolicLinkReason) }
            guard !FileWriting.entryExists(path) else { throw .exists(path: path) }
            guard rename(stagedPath, path) == 0 else { throw .failed(path: path, reason: Self.reason(errno)) }
        }
        unlink(stagedPath)
        Self.syncDirectory(of: path)
    }

    /// Removes the published file again (undoing `publish` for a group that failed later).
    public func unpublish() {
        unlink(path)
    }

    /// Removes the staged file, if it is still there.
    public func discard() {
        unlink(stagedPath)
    }

    /// `directory/name`.
    package static func join(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// Best effort: a folder that cannot be flushed still holds the files.
    static func syncDirectory(of path: String) {
        let descriptor = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
