import Foundation
import KassaHTTP
import KassaTesting
import Logging

/// A logger that drops everything: the client's logging is not what these tests check.
let quietLogger = Logger(label: "kassa.http.test") { _ in SwiftLogNoOpLogHandler() }

/// A client for `server`.
func client(for server: ScriptedHTTPServer, _ configuration: HTTPClient.Configuration = HTTPClient.Configuration()) throws -> HTTPClient {
    try HTTPClient(url: server.url("/api"), configuration: configuration, logger: quietLogger)
}
