import Testing
@testable import KassaConfig
import KassaCore

/// `[plugins.NAME] allow = [...]`: what the shop grants each plugin.
@Suite struct PluginGrantTests {
    private func parse(_ text: String) throws -> KassaConfiguration {
        try KassaConfiguration.parse(text, fileName: "kassa.toml", baseDirectory: "/srv/shop")
    }

    @Test func grantsAreReadPerPluginBesideTheFolders() throws {
        let configuration = try parse("""
            [plugins]
            dirs = ["extra"]

            [plugins.welcome-card]
            allow = ["cards.order"]

            [plugins."acme.filters"]
            allow = []
            """)
        #expect(configuration.plugins.directories == ["/srv/shop/extra"])
        #expect(configuration.plugins.grants == ["welcome-card": ["cards.order"], "acme.filters": []])
        #expect(configuration.warnings.isEmpty, "\(configuration.warnings)")
    }

    @Test func anUnknownPermissionOrKeyIsAWarningAndGrantsNothing() throws {
        let configuration = try parse("""
            [plugins.acme]
            allow = ["cards.order", "cards.ordr"]
            alow = ["cards.order"]
            """)
        #expect(configuration.plugins.grants == ["acme": ["cards.order"]])
        #expect(configuration.warnings.map(\.description) == [
            #"kassa.toml:2: [plugins.acme] allow names "cards.ordr", which is not a permission (known: cards.order); it is ignored"#,
            #"kassa.toml:3: unknown key "alow" in [plugins.acme] is ignored; did you mean "allow"?"#,
        ])
    }

    @Test func aGrantThatIsNotAListOfNamesIsAnError() throws {
        #expect(throws: KassaConfigurationError.self) { try parse("[plugins.acme]\nallow = \"cards.order\"\n") }
        #expect(throws: KassaConfigurationError.self) { try parse("[plugins.acme]\nallow = [1]\n") }
    }
}
