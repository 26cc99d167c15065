import Foundation
import Logging

/// Shows log lines on stderr: `[acme-filters] hello` for plugin output, `kassa: warning: ...` otherwise.
struct StderrLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = ProcessInfo.processInfo.environment["KASSA_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
        let prefix: String
        if let plugin = merged["plugin"] {
            prefix = "[\(plugin)] "
        } else {
            prefix = level >= .warning ? "kassa: \(level): " : "kassa: "
        }
        FileHandle.standardError.write(Data("\(prefix)\(message)\n".utf8))
    }
}
