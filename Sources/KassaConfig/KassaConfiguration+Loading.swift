import Foundation

extension KassaConfiguration {
    /// Reads the configuration file at `path`; relative paths in it resolve against its folder.
    /// - Throws: `KassaConfigurationError` naming the file, line and key of the first problem.
    public static func load(from path: String) throws(KassaConfigurationError) -> KassaConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw unreadable(path, "the configuration file \(path) does not exist")
        }
        guard !isDirectory.boolValue else {
            throw unreadable(path, "the configuration file \(path) is a folder, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw unreadable(path, "the configuration file \(path) cannot be read")
        }
        let folder = URL(fileURLWithPath: absolutePath(path)).deletingLastPathComponent().path
        return try parse(bytes: Array(data), fileName: path, baseDirectory: folder)
    }

    /// Reads a configuration from its text, naming `fileName` in errors and resolving
    /// relative paths against `baseDirectory`.
    /// - Throws: `KassaConfigurationError` naming the line and key of the first problem.
    public static func parse(
        _ text: String, fileName: String = "kassa.toml", baseDirectory: String
    ) throws(KassaConfigurationError) -> KassaConfiguration {
        try parse(bytes: Array(text.utf8), fileName: fileName, baseDirectory: baseDirectory)
    }

    private static func parse(
        bytes: [UInt8], fileName: String, baseDirectory: String
    ) throws(KassaConfigurationError) -> KassaConfiguration {
        let table = try TOMLDocument.parse(bytes, fileName: fileName)
        var configuration = try decode(table, fileName: fileName, baseDirectory: baseDirectory)
        configuration.sourcePath = fileName
        return configuration
    }

    private static func unreadable(_ path: String, _ message: String) -> KassaConfigurationError {
        KassaConfigurationError(code: .unreadableFile, fileName: nil, line: nil, key: nil, message: message)
    }

    /// `path` made absolute against the current directory, with `.` and `..` removed.
    static func absolutePath(_ path: String) -> String {
        resolve(path, against: FileManager.default.currentDirectoryPath)
    }

    /// `path` as an absolute path: kept when absolute, else taken relative to `base`.
    static func resolve(_ path: String, against base: String) -> String {
        let url = path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// The value of the environment variable `name`; `nil` when `name` is `nil`.
    static func password(named name: String?, in environment: [String: String]) throws(KassaConfigurationError) -> String? {
        guard let name else { return nil }
        guard let password = environment[name] else {
            throw KassaConfigurationError(
                code: .missingEnvironmentVariable, fileName: nil, line: nil, key: nil,
                message: "the environment variable \(name), named by password_env, is not set")
        }
        return password
    }
}
