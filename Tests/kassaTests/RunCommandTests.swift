import Foundation
import KassaTesting
import Testing

/// `kassa run` and `kassa plugins`, as a user or a cron job runs them: the real executable.
@Suite struct RunCommandTests {
    @Test func aScriptGetsItsArgumentsAndPrintsToStdout() throws {
        let folder = TemporaryDirectory()
        let script = try folder.write("hello.lua", "local name, n = ...\nprint('Hej ' .. name, n)")
        let result = try KassaProcess.run(["run", script, "Åsa", "3"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == "Hej Åsa\t3\n")
    }

    @Test func aFailingScriptExitsNonZeroWithFileLineAndMessage() throws {
        let folder = TemporaryDirectory()
        try folder.write("bad.lua", "local x = 1\nerror('no customers today')\n")
        let result = try KassaProcess.run(["run", "bad.lua"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr == "bad.lua:2: no customers today\n")
    }

    @Test func aMissingScriptIsAClearError() throws {
        let folder = TemporaryDirectory()
        let result = try KassaProcess.run(["run", "nope.lua"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Cannot read \"nope.lua\""))
    }

    @Test func theTimeoutOptionEndsAnEndlessLoop() throws {
        let folder = TemporaryDirectory()
        try folder.write("loop.lua", "while true do end")
        let result = try KassaProcess.run(["run", "--timeout", "0.3", "loop.lua"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr == "loop.lua:1: time limit of 0.3 s exceeded\n")
    }

    @Test(arguments: ["table.move({}, 1, 4e8, 2)", "table.move({}, 1, 1e15, 2)",
                      "table.insert(setmetatable({}, { __len = function() return 2e8 end }), 1, 'x')",
                      "table.remove(setmetatable({}, { __len = function() return 2e8 end }), 1)"])
    func theTimeoutHoldsInsideLibraryFunctions(code: String) throws {
        let folder = TemporaryDirectory()
        try folder.write("long.lua", "local x = 1\n" + code + "\n")
        let started = Date()
        let result = try KassaProcess.run(["run", "--timeout", "1", "long.lua"], in: folder.path)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 1)
        #expect(result.stderr == "long.lua:2: time limit of 1 s exceeded\n")
        // The process's own start and exit are in the figure too (LibraryBudgetTests holds
        // the call itself to the deadline plus 0.5 s).
        #expect(elapsed < 2.0, "\(code) ran \(elapsed) s with --timeout 1")
    }

    @Test(arguments: [22, 30])
    func aLoggedTableTooBigToCopyEndsTheScriptQuicklyAndSmall(levels: Int) throws {
        let folder = TemporaryDirectory()
        try folder.write("dag.lua", "local t = {} for i = 1, \(levels) do t = {t, t} end\nkassa.log(t)\n")
        let started = Date()
        let result = try KassaProcess.runProgram(
            "/usr/bin/time", ["-f", "%M", "-o", folder.file("rss.txt"), KassaProcess.executable, "run", "--timeout", "1", "--memory", "8", "dag.lua"],
            in: folder.path)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 1)
        // The copy stops at the memory cap, or at the deadline when the machine is too busy
        // to reach the cap within a second.
        #expect(["memory limit of 8 MiB", "time limit of 1 s"].map { "dag.lua:2: \($0) exceeded while copying a Lua value into the host\n" }
            .contains(result.stderr), "\(result.stderr)")
        #expect(elapsed < 2.0)
        // GNU time writes "Command exited with non-zero status 1" first, the figure last.
        let report = try String(contentsOfFile: folder.file("rss.txt"), encoding: .utf8)
        let peakKiB = report.split(separator: "\n").last.flatMap { Int($0) } ?? .max
        #expect(peakKiB < 150 * 1024, "kassa run held \(peakKiB) KiB")
    }

    @Test func theMemoryOptionEndsAMemoryBomb() throws {
        let folder = TemporaryDirectory()
        try folder.write("bomb.lua", "local s = 'x' while true do s = s .. s end")
        let result = try KassaProcess.run(["run", "--memory", "8", "bomb.lua"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("memory limit of 8 MiB exceeded"))
    }

    @Test func theConfigurationSetsTheDefaultLimits() throws {
        let folder = TemporaryDirectory()
        try folder.write("kassa.toml", "[limits]\nscript_timeout = 0.25\n")
        try folder.write("loop.lua", "while true do end")
        let result = try KassaProcess.run(["run", "loop.lua"], in: folder.path)
        #expect(result.stderr == "loop.lua:1: time limit of 0.25 s exceeded\n")
    }

    @Test func aBadConfigurationIsOneClearLine() throws {
        let folder = TemporaryDirectory()
        try folder.write("kassa.toml", "[limits]\nscript_timeout = \"fast\"\n")
        try folder.write("ok.lua", "print(1)")
        let result = try KassaProcess.run(["run", "ok.lua"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("kassa: kassa.toml:2:"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func printIsCappedForFloods() throws {
        let folder = TemporaryDirectory()
        try folder.write("flood.lua", "for i = 1, 5e6 do print('spam spam spam spam spam spam') end")
        let result = try KassaProcess.run(["run", "--timeout", "30", "flood.lua"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout.utf8.count <= 16 * 1024 * 1024 + 100)
        #expect(result.stdout.hasSuffix("[print output truncated: limit reached]\n"))
    }

    @Test func theShippedExampleRuns() throws {
        let result = try KassaProcess.run(["run", "examples/welcome.lua", "Åsa"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Hej Åsa!\nio available: false, os.execute available: false\n"))
    }
}

@Suite struct PluginsCommandTests {
    struct Entry: Decodable {
        var name: String
        var version: String
        var status: String
        var path: String?
        var error: String?
        var registered: [String: [String]]
    }

    @Test func theShippedPluginsAllLoad() throws {
        let result = try KassaProcess.run(["plugins", "--json"])
        #expect(result.status == 0)
        let entries = try JSONDecoder().decode([Entry].self, from: Data(result.stdout.utf8))
        #expect(Set(entries.map(\.name)).isSuperset(of: ["car-filters", "lapsed-customers", "hello"]))
        #expect(entries.allSatisfy { $0.status == "loaded" }, "\(entries.filter { $0.status != "loaded" })")
        #expect(entries.first { $0.name == "car-filters" }?.registered["filters"]?.contains("car_brand") == true)
    }

    @Test func aBrokenPluginInAnExtraFolderIsListedAsFailedAndTheRestLoads() throws {
        let folder = TemporaryDirectory()
        try folder.write("extra/broken.lua", "kassa.plugin { name = 'broken', version = '1' }\nkassa.filter { name = 'x' }\n")
        let result = try KassaProcess.run(["plugins", "--json", "--plugins", folder.file("extra")])
        #expect(result.status == 0)
        let entries = try JSONDecoder().decode([Entry].self, from: Data(result.stdout.utf8))
        let broken = try #require(entries.first { $0.name == "broken" })
        #expect(broken.status == "failed")
        #expect(broken.error?.contains("broken.lua:2: kassa.filter: field \"match\" is required") == true)
        #expect(entries.contains { $0.name == "hello" && $0.status == "loaded" })
        #expect(result.stderr.contains("broken.lua"))
    }

    @Test func aMissingPluginFolderIsAClearError() throws {
        let result = try KassaProcess.run(["plugins", "--plugins", "/nonexistent/kassa-plugins"])
        #expect(result.status == 1)
        #expect(result.stderr == "kassa: Plugin folder \"/nonexistent/kassa-plugins\" does not exist\n")
    }

    @Test func checkValidatesFilesAndFailsOnABrokenOne() throws {
        let folder = TemporaryDirectory()
        let good = try folder.write("good.lua", "kassa.filter { name = 'new_filter', match = function() return true end }")
        let clash = try folder.write("clash.lua", "kassa.filter { name = 'car_brand', match = function() return true end }")
        let goodResult = try KassaProcess.run(["plugins", "check", good])
        #expect(goodResult.status == 0)
        #expect(goodResult.stdout.contains("loaded"))
        let clashResult = try KassaProcess.run(["plugins", "check", good, clash])
        #expect(clashResult.status == 1)
        #expect(clashResult.stdout.contains("filter \"car_brand\" is already registered by plugin \"car-filters\""))
    }
}

@Suite struct ButtonCommandTests {
    @Test func buttonsAreListedAndPressed() throws {
        let listed = try KassaProcess.run(["buttons", "--json"])
        #expect(listed.status == 0)
        let buttons = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(buttons?.contains { $0["label"] as? String == "Say hello" && $0["macro"] as? String == "##MENU#Hello#¤" } == true)
        let pressed = try KassaProcess.run(["press", "Open drawer"])
        #expect(pressed.status == 0)
        #expect(pressed.stdout == "Cash drawer: open\n")
    }

    @Test func aMacroStringRunsWithTypedInput() throws {
        let result = try KassaProcess.run(["macro", "##MENU#Hello#Åsa¤#KLUT#"])
        #expect(result.stdout == "Hello from a Lua menu, Åsa!\nCash drawer: open\n")
    }

    @Test func unknownButtonsAndBadMacrosAreOneClearLine() throws {
        let unknown = try KassaProcess.run(["press", "Nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("kassa: No button is labelled \"Nope\" (buttons: "))
        let malformed = try KassaProcess.run(["macro", "##MENU#Hello"])
        #expect(malformed.status == 1)
        #expect(malformed.stderr == "kassa: Macro \"##MENU#Hello\": unterminated menu name starting at position 7 (expected a closing \"#\")\n")
        let missing = try KassaProcess.run(["macro", "##MENU#Nowhere#¤"])
        #expect(missing.stderr.contains("No menu is called \"Nowhere\""))
    }
}
