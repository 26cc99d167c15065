import ArgumentParser
import Foundation
import KassaApp
import KassaCore
import KassaScripting
import Lua

/// `kassa run [--timeout S] [--memory MB] FILE.lua [ARGS...]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script in the sandbox, with the plugins loaded and the kassa API.",
        discussion: "ARGS reach the script as `...`. Its print goes to stdout (capped); a failure exits 1 with FILE:LINE: message on stderr. Effects outside the script (kassa.cards.order) need --allow."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Wall-clock seconds the script may run (default: [limits] script_timeout, 2).")
    var timeout: Double?

    @Option(help: "Megabytes of memory the script may use (default: [limits] script_memory_mb, 64).")
    var memory: Int?

    @Option(help: ArgumentHelp("Let the script have this effect, e.g. cards.order (repeatable); without it a script has none.",
                               valueName: "permission"))
    var allow: [String] = []

    @Argument(help: "The script.")
    var file: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments passed to the script.")
    var arguments: [String] = []

    func validate() throws {
        if let timeout, !(timeout > 0) { throw ValidationError("Timeout must be a positive number of seconds, not \"\(timeout)\"") }
        if let memory, memory <= 0 { throw ValidationError("Memory must be a positive number of megabytes, not \"\(memory)\"") }
        if let unknown = allow.first(where: { !PluginPermission.isKnown($0) }) {
            throw ValidationError("--allow \"\(unknown)\" is not a permission (known: \(PluginPermission.knownNames))")
        }
    }

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            var limits = shop.limits
            if let timeout { limits.timeout = timeout }
            if let memory { limits.memory = memory * 1024 * 1024 }
            // A script's own output is what the user asked for: allow more of it than a plugin's.
            limits.printBytes = 16 * 1024 * 1024
            let host = shop.makeHost()
            try host.runScript(at: file, arguments: arguments, limits: limits, allow: Set(allow)) { line in Output.line(line) }
        }
    }
}
