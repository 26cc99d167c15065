import KassaCore
import Testing

/// Records what a macro asks for, and fails where told to.
private final class RecordingPerformer: MacroPerformer {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    var calls: [String] = []
    var knownMenus: Set<String> = []
    var failOnConfirm = false

    func openMenu(_ name: String, at position: Int) throws {
        calls.append("menu \(name) @\(position)")
        guard knownMenus.contains(name) else {
            throw Refusal(description: "no menu \"\(name)\" is registered")
        }
    }

    func runFunction(_ code: String, at position: Int) throws {
        calls.append("function \(code) @\(position)")
    }

    func confirm() throws {
        calls.append("confirm")
        if failOnConfirm { throw Refusal(description: "nothing to confirm") }
    }

    func type(_ text: String) throws {
        calls.append("type \(text)")
    }
}

@Suite("Running macros")
struct MacroRunTests {
    @Test("Steps run in order, with their positions")
    func runsInOrder() async throws {
        let performer = RecordingPerformer()
        performer.knownMenus = ["A"]
        try await Macro.parse(###"Hej¤##MENU#A#\#1#KLUT#"###).run(on: performer)
        #expect(performer.calls == ["type Hej", "confirm", "menu A @5", "type #1", "function KLUT @17"])
    }

    @Test("The first failing step stops the macro and is named in the error")
    func stopsAtFirstFailure() async throws {
        let performer = RecordingPerformer()
        let macro = try Macro.parse("#KLUT###MENU#Unknown#¤", button: "Kassalåda")
        let error = try await #require(throws: MacroError.self) { try await macro.run(on: performer) }
        #expect(performer.calls == ["function KLUT @1", "menu Unknown @7"])
        #expect(error.code == .stepFailed)
        #expect(error.position == 7)
        #expect(error.step == MacroStep(.openMenu("Unknown"), at: 7))
        #expect(error.underlying is RecordingPerformer.Refusal)
        #expect(error.message
            == ###"Button "Kassalåda": macro "#KLUT###MENU#Unknown#¤": step 2 at position 7 (open menu "Unknown") failed: no menu "Unknown" is registered"###)
    }

    @Test("A failing confirm is wrapped too")
    func confirmFailureIsWrapped() async throws {
        let performer = RecordingPerformer()
        performer.failOnConfirm = true
        let macro = try Macro.parse("abc¤def")
        let error = try await #require(throws: MacroError.self) { try await macro.run(on: performer) }
        #expect(performer.calls == ["type abc", "confirm"])
        #expect(error.position == 4)
        #expect(error.message == ###"Macro "abc¤def": step 2 at position 4 (confirm) failed: nothing to confirm"###)
    }
}
