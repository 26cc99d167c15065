import Foundation

/// Finds Lua plugins in a folder: every `NAME.lua`, and every `NAME/init.lua`.
public enum PluginDiscovery {
    /// Plugin entry files in `directory`, sorted by name so load order never depends on the disk.
    /// A folder that does not exist yields nothing.
    public static func plugins(in directory: String) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
        var found: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                let entry = (path as NSString).appendingPathComponent("init.lua")
                if manager.fileExists(atPath: entry) { found.append(entry) }
            } else if name.hasSuffix(".lua") {
                found.append(path)
            }
        }
        return found
    }

    /// Plugin entry files in `directories`, in order. Folders are one when their real paths
    /// are (`plugins`, `./plugins/`, an absolute spelling, a symlink to it), and so are files:
    /// each is listed once, under the spelling that came first.
    public static func plugins(in directories: [String]) -> [String] {
        var seenFolders: Set<String> = []
        var seenFiles: Set<String> = []
        var found: [String] = []
        for directory in directories where seenFolders.insert(realPath(directory)).inserted {
            for file in plugins(in: directory) where seenFiles.insert(realPath(file)).inserted {
                found.append(file)
            }
        }
        return found
    }

    /// `path` with symlinks, `.`, `..` and repeated or trailing slashes resolved; a path that
    /// does not exist is only made absolute and tidied.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else {
            return URL(fileURLWithPath: path).standardizedFileURL.path
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
