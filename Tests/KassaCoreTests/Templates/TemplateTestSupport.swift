@testable import KassaCore

/// Customers and contexts shared by the template tests: one customer with every field set to
/// a distinct value, so a test can tell which field a token inserted.
enum TemplateFixtures {
    static let fullCustomer = Customer(
        number: "10023",
        firstName: "Anna",
        lastName: "Berg",
        company: "Berg Cykel AB",
        email: "anna@example.se",
        billingEmail: "faktura@example.se",
        contactEmails: ["kontakt@example.se"],
        mobile: "+46701234567",
        street: "Storgatan 1",
        postalCode: "111 22",
        city: "Stockholm",
        country: "SE",
        family: "Cyklister",
        type: "Privat",
        category: "Guld",
        points: 1250,
        turnoverGroup: "A",
        newsletter: true,
        lastVisit: CalendarDate(year: 2026, month: 3, day: 5),
        vehicles: [
            Vehicle(type: "Elcykel", brand: "Crescent", model: "Elis", plate: "ABC123"),
            Vehicle(type: "Bil", brand: "Volvo", model: "V70", plate: "XYZ999"),
        ],
        cards: [CustomerCard(number: "C-77"), CustomerCard(number: "C-88")],
        attributes: ["shoe_size": "42", "Favorit": "Racer"]
    )

    /// A customer with nothing but a number.
    static let bareCustomer = Customer(number: "20001")

    static let context = RenderContext(
        shopName: "Cykelbutiken",
        locale: .sv,
        today: CalendarDate(year: 2026, month: 11, day: 23)!,
        invoiceNumber: "F-1001",
        invoiceDate: CalendarDate(year: 2026, month: 11, day: 20)
    )

    /// Renders `source` for `customer` as a text template, compiled with the standard catalog.
    static func render(_ source: String, for customer: Customer = fullCustomer, context: RenderContext = context,
                       format: TemplateFormat = .text, fallbacks: [String: String] = [:]) throws -> String {
        try PlaceholderTemplate(source, name: "test", format: format, fallbacks: fallbacks).render(customer, context: context)
    }

    /// The error compiling `source` throws, or `nil` when it compiles.
    static func compileError(_ source: String, name: String = "test", format: TemplateFormat = .text,
                             fallbacks: [String: String] = [:]) -> TemplateError? {
        do {
            _ = try PlaceholderTemplate(source, name: name, format: format, fallbacks: fallbacks)
            return nil
        } catch {
            return error
        }
    }

    /// The error rendering `source` for `customer` throws, or `nil` when it renders.
    static func renderError(_ source: String, for customer: Customer, context: RenderContext = context,
                            fallbacks: [String: String] = [:]) throws -> TemplateError? {
        let template = try PlaceholderTemplate(source, name: "birthday", fallbacks: fallbacks)
        do {
            _ = try template.render(customer, context: context)
            return nil
        } catch {
            return error
        }
    }
}
