import Foundation

/// The permission bits of `path` (`0o600`, `0o755`, …), of a symbolic link itself rather
/// than what it leads to; `nil` when nothing is there.
public func filePermissions(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
}
