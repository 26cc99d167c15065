import Foundation
import Testing
@testable import KassaCore

/// Every event carries exactly the fields its catalog entry documents.
@Suite struct KassaEventCatalogTests {
    static let day = CalendarDate("2026-11-23")!

    static let events: [KassaEvent] = [
        .cardOrdered(PlacedCardOrder(id: 1, cardNumber: "ORD-000001", order: CardOrder(
            customerNumber: "4", template: "GOLD", cost: Money(minorUnits: 1250), validUntil: nil,
            orderDate: day, dispatchDate: day, comment: nil, status: .submitted))),
        .chequeIssued(IssuedCheque(number: ChequeNumber.first(on: day), customerNumber: "4", name: "Bo Ek", email: "bo@example.se",
                                   value: Money(minorUnits: 1500), cheques: 3, pointsUsed: 1500, leftoverPoints: 250,
                                   issuedOn: day, fileName: "KADO1.CSV", batchID: 1)),
        .customerImported(file: "k.csv", summary: UpsertSummary(inserted: 2, updated: 1)),
        .mailingSent(SendReport(mailing: 1), channel: .sms),
        .messageFailed(OutboxEntry(customerNumber: "3", address: nil, state: .failed, reason: "no number"), mailing: 1, channel: .sms),
    ]

    @Test func eachEventCarriesItsDocumentedFields() throws {
        #expect(Self.events.map(\.name) == KassaEvent.kinds.map(\.name))
        for event in Self.events {
            let kind = try #require(KassaEvent.kind(named: event.name))
            let documented = Set(kind.fields.map(\.name))
            let required = Set(kind.fields.filter { !$0.type.hasSuffix("?") }.map(\.name))
            let carried = Set(event.payload.keys)
            #expect(carried.isSubset(of: documented), "\(event.name) carries undocumented \(carried.subtracting(documented))")
            #expect(required.isSubset(of: carried), "\(event.name) lacks \(required.subtracting(carried))")
            #expect(!documented.contains("name"), "\(event.name): `name` is the event's own name")
        }
    }

    @Test func aHandlerIsNotRunAgainByAnEventItsOwnWorkCaused() throws {
        let registry = PluginRegistry()
        final class Echo: EventHandler {
            weak var registry: PluginRegistry?
            var runs = 0
            func handle(_ event: KassaEvent) throws {
                runs += 1
                registry?.emit(event)
            }
        }
        let echo = Echo()
        echo.registry = registry
        var registrations = Registrations()
        registrations.hooks = [EventHookDefinition(event: "card.ordered", plugin: "echo", handler: echo)]
        registry.add(registrations, manifest: PluginManifest(name: "echo", version: "1"), kind: .native, path: nil)
        #expect(registry.emit(Self.events[0]).isEmpty)
        #expect(echo.runs == 1)
        #expect(registry.handles("card.ordered"))
        #expect(!registry.handles("cheque.issued"))
    }
}
