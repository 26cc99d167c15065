import Foundation

/// Where a shop's files are: its configuration, its register and its extra plugin folders,
/// as a front end was told them (the command line's `--config`, `--db`, `--plugins`).
///
/// Each is looked up the way a shop owner expects: the configuration is `configuration`,
/// else `./kassa.toml` when there is one, else none (every setting at its default); the
/// register is `database`, else `$KASSA_DB`, else `./kassa.sqlite`.
public struct ShopLocation: Sendable, Hashable {
    /// The configuration file given explicitly; it must exist.
    public var configuration: String?
    /// The register's file given explicitly.
    public var database: String?
    /// Plugin folders beyond `./plugins` and `[plugins] dirs`; each must exist.
    public var pluginDirectories: [String]
    /// The process environment (`KASSA_DB`).
    public var environment: [String: String]

    /// A location; by default everything is looked up in the current folder.
    public init(configuration: String? = nil, database: String? = nil, pluginDirectories: [String] = [],
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.configuration = configuration
        self.database = database
        self.pluginDirectories = pluginDirectories
        self.environment = environment
    }

    /// The register's file: `database`, then `$KASSA_DB`, then `kassa.sqlite`.
    public var databasePath: String {
        database ?? environment["KASSA_DB"] ?? "kassa.sqlite"
    }

    /// The register as the user named it, for messages: `./kassa.sqlite` when nobody did.
    var shownDatabasePath: String {
        database == nil && environment["KASSA_DB"] == nil ? "./kassa.sqlite" : databasePath
    }
}
