import ArgumentParser
import KassaApp
import KassaCore
import KassaScripting

/// `kassa plugins [--json]` and `kassa plugins check FILE...`
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the plugins found, their status and what each registers.",
        subcommands: [PluginsCheckCommand.self]
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: JSONOption

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let host = shop.makeHost()
            try PluginListing.print(host.registry.plugins, json: output.json, grants: shop.configuration.plugins.grants)
        }
    }
}

/// `kassa plugins check FILE...`
struct PluginsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate plugin files without installing them (exit 1 if any is broken)."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: JSONOption

    @Argument(help: "Plugin files (NAME.lua or NAME/init.lua).")
    var files: [String]

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let records = ScriptHost.check(paths: files, installedDirectories: shop.pluginDirectories,
                                           limits: shop.limits, logger: shop.logger)
            try PluginListing.print(records, json: output.json, grants: shop.configuration.plugins.grants)
            if records.contains(where: { !$0.isLoaded }) { throw ExitCode.failure }
        }
    }
}

/// How plugin records are shown.
enum PluginListing {
    struct Entry: Encodable {
        var name: String
        var version: String
        var kind: String
        var path: String?
        var status: String
        var error: String?
        var registered: PluginRecord.Summary
        /// The permissions the manifest asks for, and those of them the shop grants.
        var permissions: [String]
        var granted: [String]
    }

    static func print(_ records: [PluginRecord], json: Bool, grants: [String: Set<String>]) throws {
        let entries = records.map { record in
            let permissions = record.manifest.permissions
            let granted = record.kind == .native ? permissions : permissions.filter { grants[record.manifest.name]?.contains($0) == true }
            return Entry(name: record.manifest.name, version: record.manifest.version, kind: record.kind.rawValue,
                         path: record.path, status: record.isLoaded ? "loaded" : "failed",
                         error: record.error?.description, registered: record.registered, permissions: permissions, granted: granted)
        }
        if json { return try Output.json(entries) }
        if entries.isEmpty { return Output.line("No plugins found.") }
        for entry in entries {
            Output.line("\(entry.name) \(entry.version)  \(entry.status)  \(entry.path ?? "(native)")")
            if let error = entry.error { Output.line("  error: \(error)") }
            if !entry.permissions.isEmpty {
                let listed = entry.permissions.map { entry.granted.contains($0) ? "\($0) (granted)" : "\($0) (not granted)" }
                Output.line("  permissions: \(listed.joined(separator: ", "))")
            }
            let registered = entry.registered
            for (what, names) in [("filters", registered.filters), ("templates", registered.templates), ("menus", registered.menus),
                                  ("functions", registered.functions), ("buttons", registered.buttons), ("events", registered.events)]
            where !names.isEmpty {
                Output.line("  \(what): \(names.joined(separator: ", "))")
            }
        }
    }
}
