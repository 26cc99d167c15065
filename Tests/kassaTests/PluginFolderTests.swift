import Foundation
import KassaTesting
import Testing

/// Plugin folders named twice, in other spellings or through a symlink, are one folder.
@Suite struct PluginFolderTests {
    @Test(arguments: ["plugins", "./plugins/", "plugins/../plugins", "linked", "ABSOLUTE"])
    func aFolderGivenAgainLoadsItsPluginsOnce(spelling: String) throws {
        let folder = TemporaryDirectory(prefix: "kassa-folders")
        try folder.write("plugins/hello.lua", """
            kassa.plugin { name = "hello", version = "1.0.0" }
            kassa.filter { name = "everyone", match = function(c) return true end }
            """)
        try FileManager.default.createSymbolicLink(atPath: folder.file("linked"), withDestinationPath: folder.file("plugins"))
        let given = spelling == "ABSOLUTE" ? folder.file("plugins") : spelling
        let config = "[plugins]\ndirs = [\"plugins\", \"linked/\"]\n"
        for withConfig in [false, true] {
            try folder.write("kassa.toml", withConfig ? config : "")
            let result = try KassaProcess.run(["plugins", "--json", "--plugins", given, "--db", folder.file("kassa.sqlite")], in: folder.path)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty, "\(spelling): \(result.stderr)")
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            let lua = entries.filter { $0["kind"] as? String == "lua" }
            #expect(lua.count == 1, "\(spelling), config \(withConfig): \(lua)")
            #expect(lua.first?["status"] as? String == "loaded")
            #expect(lua.first?["path"] as? String == "plugins/hello.lua")
        }
    }

    /// The same file reached through a second folder is the same plugin, loaded once.
    @Test func aPluginFileLinkedIntoAnotherFolderLoadsOnce() throws {
        let folder = TemporaryDirectory(prefix: "kassa-folders")
        try folder.write("plugins/hello.lua", "kassa.plugin { name = \"hello\", version = \"1.0.0\" }\n")
        try FileManager.default.createDirectory(atPath: folder.file("extra"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.file("extra/hello.lua"), withDestinationPath: folder.file("plugins/hello.lua"))
        let result = try KassaProcess.run(["plugins", "--plugins", "extra", "--db", folder.file("kassa.sqlite")], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("hello 1.0.0  loaded  plugins/hello.lua\n"), "\(result.stdout)")
        #expect(result.stdout.components(separatedBy: "hello 1.0.0").count == 2, "\(result.stdout)")
    }
}
