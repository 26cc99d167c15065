import ArgumentParser
import Foundation
import KassaApp
import KassaCore
import KassaScripting
import Logging

extension Shop {
    /// The shop the global options point at (`--config`, `--db`, `--plugins`), logging to
    /// stderr; the sends of its native menus draw their progress there too.
    convenience init(_ options: GlobalOptions) throws {
        LoggingBootstrap.once()
        let location = ShopLocation(configuration: options.config, database: options.database,
                                    pluginDirectories: options.pluginDirectories)
        try self.init(location: location, logger: Logger(label: "kassa"))
        makeSendObserver = { SendProgressDisplay(quiet: false) }
    }
}

/// Logging goes to stderr, set up once per process.
enum LoggingBootstrap {
    private static let bootstrap: Void = {
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label) }
    }()

    static func once() { _ = bootstrap }
}

/// A command's failure: its one-line reason goes to stderr and the exit status is 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ParsableCommand {
    /// Runs `body`, turning any error into one line on stderr and exit status 1.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw Self.reported(error)
        }
    }

    /// `reportingFailures` for a command that waits for servers.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            throw Self.reported(error)
        }
    }

    private static func reported(_ error: any Error) -> any Error {
        if error is ExitCode { return error }
        if let script = error as? ScriptError, script.code == .scriptFailed {
            // `kassa run` promises exactly FILE:LINE: message, like lua5.4 itself.
            Output.plainError(script.message)
        } else {
            Output.error("\(error)")
        }
        return ExitCode.failure
    }
}
