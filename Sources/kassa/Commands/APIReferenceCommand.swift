import ArgumentParser
import KassaConfig
import KassaCore
import KassaScripting

/// `kassa api-reference --markdown | --luals | --placeholders | --configuration`
struct APIReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-reference",
        abstract: "Print the Lua API reference for plugin authors (Markdown), editor stubs (LuaLS), the table of template placeholders, or the kassa.toml reference."
    )

    enum Format: String, EnumerableFlag { case markdown, luals, placeholders, configuration }

    @Flag(help: "The format.")
    var format: Format = .markdown

    func run() throws {
        switch format {
        case .markdown: print(LuaAPIReference.markdown(), terminator: "")
        case .luals: print(LuaAPIReference.luaLSStubs(), terminator: "")
        case .placeholders: print(PlaceholderCatalog.standard.markdownPage(), terminator: "")
        case .configuration: print(KassaConfiguration.referenceMarkdown(), terminator: "")
        }
    }
}
