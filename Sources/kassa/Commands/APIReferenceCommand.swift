import ArgumentParser
import KassaScripting

/// `kassa api-reference --markdown | --luals`
struct APIReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-reference",
        abstract: "Print the Lua API reference for plugin authors (Markdown) or editor stubs (LuaLS)."
    )

    enum Format: String, EnumerableFlag { case markdown, luals }

    @Flag(help: "The format.")
    var format: Format = .markdown

    func run() throws {
        switch format {
        case .markdown: print(LuaAPIReference.markdown(), terminator: "")
        case .luals: print(LuaAPIReference.luaLSStubs(), terminator: "")
        }
    }
}
