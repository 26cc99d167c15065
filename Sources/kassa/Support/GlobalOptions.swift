import ArgumentParser

/// The options every command takes (SPEC §11).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The database file (default: $KASSA_DB or ./kassa.sqlite).")
    var database: String?

    @Option(name: .customLong("config"), help: "The configuration file (default: ./kassa.toml if present).")
    var config: String?

    @Option(name: .customLong("plugins"), help: "An extra plugin folder; repeatable.")
    var pluginDirectories: [String] = []
}
