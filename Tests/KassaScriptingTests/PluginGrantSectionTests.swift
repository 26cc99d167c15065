import Testing
@testable import KassaScripting

/// The refusal of an ungranted effect names the section of kassa.toml that grants it.
@Suite struct PluginGrantSectionTests {
    @Test func aBareNameIsWrittenAsItIsAndOtherNamesAreQuoted() {
        #expect(KassaAPI.grantSection(for: "welcome-card") == "[plugins.welcome-card]")
        #expect(KassaAPI.grantSection(for: "acme.filters") == #"[plugins."acme.filters"]"#)
        #expect(KassaAPI.grantSection(for: #"odd"name"#) == #"[plugins."odd\"name"]"#)
    }
}
