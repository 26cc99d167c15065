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
}
