import Foundation

// scripts/bench [NAME...]: each benchmark prints one JSON object per figure on stdout.
let benches: [String: () async throws -> [Figure]] = [
    "lua-filter-call": LuaFilterCallBench.run,
    "select-sql": SelectBench.runSQL,
    "select-lua": SelectBench.runLua,
    "csv-import": CSVImportBench.run,
    "dkim-sign": DKIMSignBench.run,
    "macro-press": MacroPressBench.run,
    "mailing-end-to-end": MailingEndToEndBench.run,
    "render-lua": RenderLuaBench.run,
    "render-placeholder": RenderPlaceholderBench.run,
    "sms-kannel": SMSKannelBench.run,
    "smtp-send": SMTPSendBench.run,
]

let requested = Array(CommandLine.arguments.dropFirst())
let names = requested.isEmpty ? benches.keys.sorted() : requested
for name in names {
    guard let bench = benches[name] else {
        FileHandle.standardError.write(Data("kassa-bench: no benchmark is called \"\(name)\" (known: \(benches.keys.sorted().joined(separator: ", ")))\n".utf8))
        exit(2)
    }
    do {
        for figure in try await bench() { figure.emit() }
    } catch {
        FileHandle.standardError.write(Data("kassa-bench: \(name) failed: \(error)\n".utf8))
        exit(1)
    }
}
