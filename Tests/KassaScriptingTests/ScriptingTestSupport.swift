import Foundation
import KassaCore
import KassaScripting
import KassaTesting
import Logging
import Lua

/// Collects log lines so tests can assert what plugins printed.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func append(_ line: String) { lock.withLock { stored.append(line) } }

    var logger: Logger {
        Logger(label: "test") { _ in CaptureHandler(capture: self) }
    }

    private struct CaptureHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let plugin = event.metadata?["plugin"].map { "[\($0)] " } ?? ""
            capture.append("\(plugin)\(event.message)")
        }
    }
}

/// A host over a temporary plugin folder.
struct PluginFixture {
    let folder = TemporaryDirectory(prefix: "kassa-plugins")
    let log = LogCapture()
    let host: ScriptHost

    init(limits: LuaLimits = LuaLimits(timeout: 0.5, memory: 32 * 1024 * 1024), plugins: [String: String]) throws {
        for (name, code) in plugins { try folder.write(name, code) }
        host = ScriptHost(limits: limits, logger: log.logger)
        host.loadPlugins(from: [folder.path])
    }

    func record(_ stem: String) -> PluginRecord? {
        host.registry.plugins.first { PluginRecord.stem(of: $0.path ?? "") == stem }
    }
}

enum Customers {
    static let sample: [Customer] = [
        Customer(number: "1001", firstName: "Åsa", lastName: "Öberg", email: "asa@example.se", city: "Göteborg", country: "SE",
                 points: 1200, newsletter: true, lastVisit: CalendarDate("2026-02-01"),
                 vehicles: [Vehicle(type: "car", brand: "Volvo", model: "V70", plate: "ABC123")], attributes: ["shoe_size": "38"]),
        Customer(number: "1002", firstName: "Jürgen", lastName: "Müller", city: "Berlin", country: "DE", points: 80,
                 lastVisit: CalendarDate("2026-10-15"), vehicles: [Vehicle(type: "bike", brand: "Gazelle")]),
        Customer(number: "1003", company: "Fietsen BV", isCompany: true, city: "Utrecht", country: "NL", points: 600),
    ]
}
