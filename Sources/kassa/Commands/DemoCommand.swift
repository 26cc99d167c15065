import ArgumentParser
import Foundation
import KassaApp
import KassaCore

/// `kassa demo seed --customers N [--seed S]`
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Demo data.",
        subcommands: [DemoSeedCommand.self]
    )
}

struct DemoSeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Add realistic, deterministic demo customers (sv, nl, fr, de, en) to the register."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many customers.") var customers: Int
    @Option(help: "The seed: the same seed gives the same customers.") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        guard customers > 0 else { throw ValidationError("Customers must be a positive number, not \"\(customers)\"") }
    }

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let progress = Progress("Demo customers", total: customers, quiet: json)
            let summary = try shop.seedDemoCustomers(count: customers, seed: seed) { progress.advance(by: $0) }
            progress.finish()
            if json {
                try Output.json(["inserted": summary.inserted, "updated": summary.updated])
            } else {
                Output.line("\(summary.total) demo customers in \(shop.location.databasePath) (\(summary)).")
            }
        }
    }
}
