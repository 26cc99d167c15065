import ArgumentParser
import KassaApp
import KassaCore

/// `kassa mark NUMBER...`: the persistent manual selection ("selected customers").
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Mark customers; the marks stay until unmarked or reset (select them with --marked)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Customer numbers.") var numbers: [String]
    @Flag(help: "Print JSON: {\"marked\": N}, how many were not marked before.") var json = false

    func run() throws {
        try reportingFailures {
            let store = try Shop(global).customers()
            let changed = try store.mark(numbers)
            if json { return try Output.json(["marked": changed]) }
            Output.line("Marked \(changed) customer\(changed == 1 ? "" : "s").")
        }
    }
}

/// `kassa unmark NUMBER...`
struct UnmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unmark", abstract: "Remove the mark of customers.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Customer numbers.") var numbers: [String]
    @Flag(help: "Print JSON: {\"unmarked\": N}, how many were marked before.") var json = false

    func run() throws {
        try reportingFailures {
            let store = try Shop(global).customers()
            let changed = try store.unmark(numbers)
            if json { return try Output.json(["unmarked": changed]) }
            Output.line("Unmarked \(changed) customer\(changed == 1 ? "" : "s").")
        }
    }
}

/// `kassa marks [--json]` lists the marked customers; `kassa marks reset` clears them (ALT+R in 003).
struct MarksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marks",
        abstract: "List the marked customers.",
        subcommands: [MarksResetCommand.self]
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        try reportingFailures {
            let numbers = try Shop(global).customers().markedNumbers()
            if output.json { return try Output.json(numbers) }
            for number in numbers { Output.line(number) }
        }
    }
}

struct MarksResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Unmark every customer.")

    @OptionGroup var global: GlobalOptions
    /// `{"cleared": N}`.
    @OptionGroup var output: JSONOption

    func run() throws {
        try reportingFailures {
            let cleared = try Shop(global).customers().resetMarks()
            if output.json { return try Output.json(["cleared": cleared]) }
            Output.line("Cleared \(cleared) mark\(cleared == 1 ? "" : "s").")
        }
    }
}
