import KassaCore
import KassaMassMailing
import KassaSQLite
import Logging
import Testing

/// The `UtskickUtskrift2` menu against a real (in-memory) register and the real SMS meter.
@Suite struct UtskickUtskrift2MenuTests {
    static let customers: [Customer] = [
        Customer(number: "1", firstName: "Åsa", mobile: "+46701111111", newsletter: true),
        Customer(number: "2", firstName: "Zoë", mobile: "+31611111111", newsletter: true),
        Customer(number: "3", firstName: "Per", mobile: "+46702222222", newsletter: false),
        Customer(number: "4", firstName: "Kim", email: "kim@example.se", newsletter: true),
    ]

    final class Run {
        let store: SQLiteCustomerStore
        let registry = PluginRegistry()
        var said: [String] = []
        var asked: [String] = []

        init() throws {
            store = try SQLiteCustomerStore.inMemory()
            try store.upsert(UtskickUtskrift2MenuTests.customers)
            let store = self.store
            let registry = self.registry
            registry.add(native: MassMailingPlugin {
                MailingService(customers: store, mailings: try SQLiteMailingStore(customers: store), registry: registry,
                               context: RenderContext(shopName: "Cykelbutiken", today: CalendarDate("2026-11-23")!),
                               meter: SMSAnalysisMeter(pricePerSegment: 0.45))
            })
        }

        func press(_ macro: String, _ parameters: [String: String] = [:], answers: [String]? = nil) async throws {
            var remaining = answers ?? []
            let performer = RegistryMacroPerformer(
                registry: registry, parameters: parameters, logger: Logger(label: "test"), output: { self.said.append($0) },
                ask: answers == nil ? nil : { prompt in
                    self.asked.append(prompt)
                    return remaining.isEmpty ? nil : remaining.removeFirst()
                })
            try await Macro.parse(macro).run(with: performer)
        }
    }

    @Test func theMenuAsksWhatIsMissingAndPreviewsExactSegments() async throws {
        let run = try Run()
        // Zoë's ë is not GSM-7: her message goes as UCS-2, the others as GSM-7.
        try await run.press("##MENU#UtskickUtskrift2#¤", ["has": "mobile"], answers: ["sms", "Hej #FORNAMN#! Välkommen på rea."])
        #expect(run.asked == ["Massutskick – channel, sms or email", "Massutskick – message text, placeholders like #FORNAMN#"])
        #expect(run.said.contains("1  +46701111111  GSM-7 1 SMS  Hej Åsa! Välkommen på rea."))
        #expect(run.said.contains("2  +31611111111  UCS-2 1 SMS  Hej Zoë! Välkommen på rea."))
        #expect(run.said.contains("3 selected, 2 recipients, 1 left out (no newsletter consent: 1)"))
        #expect(run.said.contains("SMS: 2 segments (GSM-7 1, UCS-2 1), cost 0.90"))
        #expect(run.said.last?.contains("nothing was sent") == true)
    }

    @Test func aLongTextIsCountedPerRecipientAsConcatenatedParts() async throws {
        let run = try Run()
        let long = "Hej #FORNAMN#! " + String(repeating: "Rea på allt i butiken. ", count: 7)
        try await run.press("##MENU#UtskickUtskrift2#¤", ["channel": "sms", "text": long, "has": "mobile"])
        // 15 + 7 × 23 = 176 GSM septets: two parts of at most 153.
        #expect(run.said.contains { $0.hasPrefix("1  +46701111111  GSM-7 2 SMS") })
        // With ë the same text is UCS-2: 176 code units, three parts of at most 67.
        #expect(run.said.contains { $0.hasPrefix("2  +31611111111  UCS-2 3 SMS") })
        #expect(run.said.contains("SMS: 5 segments (GSM-7 1, UCS-2 1), cost 2.25"))
    }

    @Test func withoutATerminalAMissingParameterIsAClearError() async throws {
        let run = try Run()
        let error = try await #require(throws: MacroError.self) { try await run.press("##MENU#UtskickUtskrift2#¤") }
        #expect("\(error)".contains("Menu UtskickUtskrift2 needs the channel, sms or email: add --param channel=VALUE"))
        #expect(try SQLiteMailingStore(customers: run.store).mailings().isEmpty)
    }

    @Test func openingASavedMailingPreviewsItAgain() async throws {
        let run = try Run()
        try await run.press("##MENU#UtskickUtskrift2#¤", ["channel": "email", "text": "Hej #FORNAMN#", "subject": "Nytt", "name": "Nyhetsbrev"])
        run.said.removeAll()
        try await run.press("##MENU#UtskickUtskrift2#¤", ["mailing": "nyhetsbrev"])
        #expect(run.said.first == "Mailing 1 \"Nyhetsbrev\": email, marketing")
        #expect(run.said.contains("4  kim@example.se  Subject: Nytt  |  Hej Kim"))
        #expect(run.said.contains("4 selected, 1 recipients, 3 left out (no newsletter consent: 1, no e-mail address: 2)"))
    }

    @Test func utskriftPrintsTheMarkedCustomers() async throws {
        let run = try Run()
        try run.store.mark(["2", "4"])
        try await run.press("##MENU#UtskickUtskrift2#Utskrift¤", ["marked": "ja"])
        #expect(run.said == ["2  Zoë  -  -  -  +31611111111", "4  Kim  -  -  kim@example.se  -", "2 customers in the selection."])
    }

    @Test func everyListCriterionTakesACommaListAsAParameter() async throws {
        let run = try Run()
        _ = try run.store.upsert([
            Customer(number: "5", firstName: "Ola", family: "RETAIL", turnoverGroup: "GOLD"),
            Customer(number: "6", firstName: "Eva", family: "VIP", turnoverGroup: "BRONZE"),
            Customer(number: "7", firstName: "Bo", family: "STAFF", turnoverGroup: "SILVER"),
        ])
        try await run.press("##MENU#UtskickUtskrift2#Utskrift¤", ["family": "RETAIL,VIP"])
        #expect(run.said.last == "2 customers in the selection.")
        run.said = []
        try await run.press("##MENU#UtskickUtskrift2#Utskrift¤", ["turnover-group": "GOLD, SILVER", "exclude": "5"])
        #expect(run.said.last == "1 customer in the selection.")
        run.said = []
        try await run.press("##MENU#UtskickUtskrift2#Utskrift¤", ["has": "email,mobile"])
        #expect(run.said.last == "0 customers in the selection.")
    }

    @Test func anUnknownParameterListsTheCriteria() async throws {
        let run = try Run()
        let error = await #expect(throws: (any Error).self) {
            try await run.press("##MENU#UtskickUtskrift2#Utskrift¤", ["turnover_group": "GOLD"])
        }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("has no parameter \"turnover_group\""), "\(message)")
        #expect(message.contains("turnover-group, vehicle-type"), "the criteria come from the table: \(message)")
    }
}
