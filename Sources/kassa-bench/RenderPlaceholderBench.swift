import Foundation
import KassaCore

/// `render-placeholder`: renders of the 3-placeholder SMS "Hej #FORNAMN#! Du har #POANG#
/// poäng hos #BUTIK#." per second on one core (the template compiled once, 1,000 different
/// customers in turn), against the obvious implementation: three `replacingOccurrences` per
/// message over the same customers, in this run. The goal is a ratio to that anchor (issue 14):
/// the former 2,000,000 renders/s over the 63,622/s the naive way made on this machine on
/// 2026-12-08, rounded down to 30.
enum RenderPlaceholderBench {
    static let renders = 2_000_000
    static let source = "Hej #FORNAMN#! Du har #POANG# poäng hos #BUTIK#."
    static let firstNames = ["Anna", "Lars", "Åsa", "Per-Olof", "Maria", "Erik", "Karin", "Jöns", "Li", "Alexandra"]

    static func makeCustomers() -> [Customer] {
        (0..<1_000).map { index in
            Customer(number: String(10_000 + index), firstName: firstNames[index % firstNames.count], points: (index * 37) % 5_000)
        }
    }

    static func run() throws -> [Figure] {
        let customers = makeCustomers()
        let template = try PlaceholderTemplate(source, name: "bench-sms")
        let context = RenderContext(shopName: "Cykelbutiken", today: CalendarDate(year: 2026, month: 11, day: 23)!)

        // The same text both ways, or the comparison means nothing.
        for customer in customers.prefix(10) {
            let rendered = try template.render(customer, context: context)
            let naive = naiveRender(customer, shopName: context.shopName)
            guard rendered == naive else { throw BenchError("the template rendered \(rendered.debugDescription), the naive way \(naive.debugDescription)") }
        }

        // Customers are read in place (an Array subscript would copy each one, and the copy of
        // a customer's two dozen fields would cost as much as the render).
        var checksum = 0
        let engine = try customers.withUnsafeBufferPointer { customers in
            try best(of: 3) {
                for index in 0..<renders {
                    checksum &+= try template.render(customers[index % customers.count], context: context).utf8.count
                }
            }
        }
        // The naive way is far slower: a tenth of the renders keeps the run short.
        let naiveRenders = renders / 10
        let naive = customers.withUnsafeBufferPointer { customers in
            best(of: 3) {
                for index in 0..<naiveRenders {
                    checksum &+= naiveRender(customers[index % customers.count], shopName: context.shopName).utf8.count
                }
            }
        }
        guard checksum > 0 else { throw BenchError("nothing was rendered") }

        let rate = Double(renders) / engine
        return [
            Figure(bench: "render-placeholder", value: rate, unit: "renders/s",
                   anchor: "three String.replacingOccurrences per message, same customers",
                   anchorValue: Double(naiveRenders) / naive, goal: ">= 30",
                   note: "ratio = engine / naive renders per second, higher is better; "
                       + "\(renders) renders of \(source.debugDescription), \(Int((engine / Double(renders) * 1e9).rounded())) ns each"),
        ]
    }

    /// What a first implementation would do: search and replace each placeholder.
    static func naiveRender(_ customer: Customer, shopName: String) -> String {
        source
            .replacingOccurrences(of: "#FORNAMN#", with: customer.firstName ?? "")
            .replacingOccurrences(of: "#POANG#", with: String(customer.points))
            .replacingOccurrences(of: "#BUTIK#", with: shopName)
    }
}
