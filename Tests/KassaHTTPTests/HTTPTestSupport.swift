import Foundation
import KassaHTTP
import KassaTesting
import Logging

/// A logger that drops everything: the client's logging is not what these tests check.
let quietLogger = Logger(label: "kassa.http.test") { _ in SwiftLogNoOpLogHandler() }

/// Waits (at most `timeout` seconds) for `condition`, for states that another process
/// reaches on its own time, such as a server closing a connection.
func eventually(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        if Date() > deadline { return false }
        usleep(10_000)
    }
    return true
}

/// A client for `server`.
func client(for server: ScriptedHTTPServer, _ configuration: HTTPClient.Configuration = HTTPClient.Configuration()) throws -> HTTPClient {
    try HTTPClient(url: server.url("/api"), configuration: configuration, logger: quietLogger)
}
