import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The files Kassa writes hold customers' names, addresses, numbers and messages: they are
// made for their owner alone, and never written through a symbolic link that someone else
// may have planted at their name.
extension FileWriting {
    /// Read and write for the owner only, for every file Kassa makes.
    public static let privateFileMode: mode_t = 0o600
    /// Only the owner may list, enter or change a folder Kassa makes.
    public static let privateFolderMode: mode_t = 0o700

    /// Makes the folder `path` and every missing folder above it, each `0700`.
    ///
    /// A folder that exists already is used as it is, even when it is more open (the shop
    /// may share its outbox with whatever forwards the files) or reached through a symbolic
    /// link the shop set up: the files in it are private all the same.
    ///
    /// - Returns: `nil` when the folder is there, else why it cannot be made.
    public static func createPrivateFolder(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            return isFolder.boolValue ? nil : "\(quoted(path)) is a file, not a folder"
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let reason = createPrivateFolder(parent) { return reason }
        if mkdir(path, privateFolderMode) != 0 {
            let code = errno
            // Another process may have made it in the meantime.
            guard code == EEXIST, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return "\(quoted(path)): \(String(cString: strerror(code)))"
            }
        }
        return nil
    }

    /// Opens `path` for writing with `flags` (`O_CREAT`, `O_EXCL`, `O_APPEND`, …) as a
    /// private file (`0600` when it is made), never following a symbolic link at `path`.
    ///
    /// - Returns: the descriptor, or `-1` with `errno` set (`ELOOP` for a symbolic link).
    public static func openPrivate(_ path: String, _ flags: Int32) -> Int32 {
        open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | flags, privateFileMode)
    }

    /// Whether anything is at `path`, a symbolic link (even one leading nowhere) included.
    public static func entryExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Whether `path` is itself a symbolic link.
    public static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// Why opening or naming `path` failed with `code`, in words; a symbolic link is
    /// named as such, since the system's "Too many levels of symbolic links" or "File
    /// exists" would hide what is wrong.
    public static func reason(_ code: Int32, at path: String) -> String {
        if isSymbolicLink(path) { return symbolicLinkReason }
        return String(cString: strerror(code))
    }

    /// What is said of a symbolic link found where Kassa means to write a file.
    public static let symbolicLinkReason = "it is a symbolic link, which Kassa does not write through; it was left as it is"

    private static func quoted(_ path: String) -> String {
        "\"\(path)\""
    }
}
