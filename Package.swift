// swift-tools-version:6.1
import PackageDescription

/// Kassa: a scripting host for shop back-offices.
///
/// Layers, from the bottom up:
/// - `CLua` (Debian's Lua 5.4) and `CLuaShims` (our C: macros as functions, the error
///   trampoline, the capped allocator, the budget hook, budgeted string matching);
/// - `Lua`: one sandboxed `lua_State` in Swift, the only Swift module that touches the C API;
/// - `KassaCore`: the domain in plain Swift (customers, selection, registry) and its ports
///   (the `CustomerStore`, `MailingStore` and `LoyaltyStore` protocols), and the settings its
///   own services take (`ShopSettings`, `ChequeSettings`, `CardSettings`, `ThrottleSettings`)
///   as plain values; no GRDB, no file formats;
/// - `KassaSQLite`: those stores on SQLite through GRDB (the embedded default);
/// - `KassaConfig`: `kassa.toml` into typed settings (`KassaConfiguration`), read with
///   TOMLKit, and the key reference of docs/configuration.md; only the executable imports
///   it and maps its settings to the adapters' own (`SMTPTransport.Settings`,
///   `SMSTransportFactory.Settings`, `HTTPClient.Configuration`): no adapter knows the file;
/// - `KassaScripting`: the `kassa` Lua API and the plugin loader;
/// - native plugins: `KassaCSV`, `KassaSMS`, `KassaMassMailing` (the `UtskickUtskrift2` menu),
///   `KassaSMTP` (SMTP over SwiftNIO with TLS, MIME, DKIM);
/// - `KassaHTTP`: the providers' HTTP client over AsyncHTTPClient (https with the system's CAs
///   and `ca_file`, keep-alive, timeouts, a body cap, no redirects) for the SMS and
///   card-ordering providers;
/// - `kassa`: the command line.
///
/// docs/architecture.md says which module may import which; scripts/check-imports holds every
/// import to it, and each target's dependencies below to exactly what its files import.
let package = Package(
    name: "Kassa",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kassa", targets: ["kassa"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // The host: Lua and its sandbox.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(name: "CLuaShims", dependencies: ["CLua"]),
        .target(name: "Lua", dependencies: ["CLua", "CLuaShims"]),

        // The domain.
        .target(
            name: "KassaCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Deterministic demo customers for a fresh machine, the benchmarks and the tests.
        .target(name: "KassaDemo", dependencies: ["KassaCore"]),
        // The stores on SQLite (Customers/, Mailings/, Loyalty/), GRDB imported internally.
        .target(
            name: "KassaSQLite",
            dependencies: [
                "KassaCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // kassa.toml into typed settings.
        // TOML is read by TOMLKit (toml++); the lines of keys for errors come from
        // TOMLLineIndex, as TOMLKit exposes no source position but a syntax error's.
        .target(name: "KassaConfig", dependencies: ["KassaCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(
            name: "KassaScripting",
            dependencies: [
                "Lua", "KassaCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Native plugins.
        .target(name: "KassaCSV", dependencies: ["KassaCore"]),
        .target(
            name: "KassaSMS",
            dependencies: ["KassaCore", "KassaHTTP", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "KassaMassMailing", dependencies: ["KassaCore", "KassaCSV"]),
        // Card ordering: the order services behind KassaCore's CardOrderProvider (file, HTTP).
        .target(name: "KassaCards", dependencies: ["KassaCore", "KassaHTTP", .product(name: "Logging", package: "swift-log")]),
        // SMTP: the protocol as a pure state machine and the MIME encoder (Protocol/, MIME/:
        // no NIO there), DKIM signing (DKIM/), the file transport (File/), and the SMTP
        // transport that runs them over SwiftNIO with TLS (Transport/).
        .target(
            name: "KassaSMTP",
            dependencies: [
                "KassaCore", "KassaNIO",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),

        // The process's one event-loop group, and running a task on one of its loops.
        .target(
            name: "KassaNIO",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // The providers' HTTP client (SMS, card ordering) over AsyncHTTPClient: protocol only, no business logic.
        .target(
            name: "KassaHTTP",
            dependencies: [
                "KassaNIO",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The application: opens a shop from its settings and offers every use case to the
        // front ends (the command line, later the server) and the native plugins.
        .target(
            name: "KassaApp",
            dependencies: [
                "KassaCore", "KassaConfig", "KassaSQLite", "KassaScripting", "KassaHTTP", "KassaSMTP", "KassaSMS",
                "KassaCards", "KassaCSV", "KassaMassMailing", "KassaDemo", "Lua",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Test support shared by the test targets: servers and helpers, none of Kassa's modules.
        .target(name: "KassaTesting"),

        // The command line.
        .executableTarget(
            name: "kassa",
            dependencies: [
                "KassaApp", "Lua", "KassaCore", "KassaConfig", "KassaSQLite", "KassaScripting", "KassaCSV",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Benchmarks, run by scripts/bench.
        .executableTarget(
            name: "kassa-bench",
            dependencies: [
                "Lua", "KassaCore", "KassaDemo", "KassaScripting", "KassaSMS", "KassaSMTP", "KassaTesting",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Test-only, not a product: `kassa cheques issue` that crashes at a chosen step, for
        // the crash tests of kassaTests (the shipped `kassa` has no such hook).
        .executableTarget(name: "kassa-crash-test", dependencies: ["KassaCore", "KassaConfig", "KassaSQLite", "KassaCSV"]),

        .testTarget(name: "CLuaShimsTests", dependencies: ["CLua", "CLuaShims"]),
        .testTarget(name: "LuaTests", dependencies: ["Lua"]),
        .testTarget(name: "KassaCoreTests", dependencies: ["KassaCore", "KassaTesting"]),
        .testTarget(name: "KassaDemoTests", dependencies: ["KassaDemo", "KassaCore"]),
        .testTarget(name: "KassaConfigTests", dependencies: ["KassaConfig", "KassaCore", "KassaTesting"]),
        .testTarget(
            name: "KassaSQLiteTests",
            dependencies: ["KassaSQLite", "KassaCore", "KassaCards", "KassaDemo", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "KassaScriptingTests",
            dependencies: ["KassaScripting", "KassaCore", "Lua", "KassaTesting", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "KassaCSVTests", dependencies: ["KassaCSV", "KassaCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "KassaSMSTests",
            dependencies: ["KassaSMS", "KassaCore", "KassaHTTP", "KassaTesting", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "KassaCardsTests", dependencies: ["KassaCards", "KassaCore", "KassaTesting"]),
        .testTarget(name: "KassaHTTPTests", dependencies: ["KassaHTTP", "KassaTesting", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "KassaSMTPTests",
            dependencies: ["KassaSMTP", "KassaCore", "KassaTesting", .product(name: "Logging", package: "swift-log")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "KassaMassMailingTests",
            dependencies: ["KassaMassMailing", "KassaCore", "KassaSQLite", .product(name: "Logging", package: "swift-log")]
        ),
        // kassa and kassa-crash-test are built for these tests to run as processes, never imported.
        .testTarget(name: "kassaTests", dependencies: ["KassaCore", "KassaSQLite", "KassaTesting", "kassa", "kassa-crash-test"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
