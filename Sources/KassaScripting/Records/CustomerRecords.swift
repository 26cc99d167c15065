import Foundation
import KassaCore
import Lua

/// Customers as Lua sees them: read-only proxies (`c.first_name`, `c.vehicles`, `c:owns("Volvo")`).
///
/// Scalar fields are laid out as cells C can push without entering Swift; lists and the custom
/// attributes are built on demand by the resolver. The field list is `LuaAPIReference.customerFields`,
/// the same list the documentation is generated from.
final class CustomerRecords {
    /// The customers of the current batch, shared with the resolver.
    private final class Batch {
        var customers: [Customer] = []
        /// Reads the batch again with its lists, when it was loaded without them.
        var whole: (() throws -> [Customer])?

        /// Customer `index` as a list field needs it: read whole first if it came without.
        func customer(at index: Int, for field: String) throws -> Customer {
            if let whole, CustomerRecords.listFields.contains(field) {
                customers = try whole()
                self.whole = nil
            }
            return customers[index]
        }
    }

    /// The fields that selections may leave unread (`CustomerStore.selectMatchingCriteria`).
    static let listFields: Set<String> = ["contact_emails", "vehicles", "cards", "attrs"]

    let kind: LuaRecordKind
    /// The methods every customer has, for plain customer tables too.
    let methods: [String: LuaFunction]
    private let batch = Batch()
    /// Each field's slot, looked up once: `write` runs for every customer a filter sees.
    private let slot: Slots

    private struct Slots {
        let number, firstName, lastName, company, isCompany, email, billingEmail, mobile, street, postalCode, city,
            country, family, type, category, points, turnoverGroup, newsletter, newsletterAt, receivesStatusMails,
            lastVisit, contactEmails, vehicles, cards, attrs: Int

        init(_ fields: [String]) {
            func at(_ name: String) -> Int { fields.firstIndex(of: name)! }
            number = at("number"); firstName = at("first_name"); lastName = at("last_name"); company = at("company")
            isCompany = at("is_company"); email = at("email"); billingEmail = at("billing_email"); mobile = at("mobile")
            street = at("street"); postalCode = at("postal_code"); city = at("city"); country = at("country")
            family = at("family"); type = at("type"); category = at("category"); points = at("points")
            turnoverGroup = at("turnover_group"); newsletter = at("newsletter"); newsletterAt = at("newsletter_at")
            receivesStatusMails = at("receives_status_mails"); lastVisit = at("last_visit")
            contactEmails = at("contact_emails"); vehicles = at("vehicles"); cards = at("cards"); attrs = at("attrs")
        }
    }

    /// Methods every customer proxy has, written in Lua and run in the sandbox like any script.
    private static let methodsSource = """
        local methods = {}
        -- The host's case folding, the one the selection criteria use (SelectionCriterion.Comparison).
        local fold = ...
        -- c:owns(brand [, model]): whether a vehicle of that brand (and model) is the customer's.
        -- Ignoring case (Unicode, so "ŠKODA" is "Škoda") but not accents, as vehicle_brand
        -- with ignore_case does: shops type brands every which way.
        function methods.owns(c, brand, model)
          brand = fold(brand)
          model = model and fold(model)
          for _, v in ipairs(c.vehicles) do
            if v.brand and fold(v.brand) == brand and (model == nil or (v.model and fold(v.model) == model)) then
              return true
            end
          end
          return false
        end
        -- c:has(field): whether the field has a value: a non-empty text (has("email")), a list
        -- with entries (has("vehicles")), any number or boolean.
        local next, type = next, type
        function methods.has(c, field)
          local value = c[field]
          if type(value) == "table" then return next(value) ~= nil end
          return value ~= nil and value ~= ""
        end
        -- c:attr(key [, default]): a custom attribute, with a default when it is missing.
        function methods.attr(c, key, default)
          local value = c.attrs[key]
          if value == nil then return default end
          return value
        end
        return methods
        """

    init(state: LuaState) {
        let fields = LuaAPIReference.customerFields.map(\.name)
        slot = Slots(fields)
        let environment = state.makeEnvironment()
        var methods: [String: LuaFunction] = [:]
        do {
            let chunk = try state.load(Self.methodsSource, chunkName: "kassa/customer-methods.lua", environment: environment)
            let fold = state.makeFunction { arguments in
                [.string(Customer.foldedKey(arguments.first?.stringValue ?? ""))]
            }
            if let table = try state.call(chunk, [.function(fold)], limits: LuaLimits.none).first?.tableValue {
                for (name, value) in table.fields { if let function = value.functionValue { methods[name] = function } }
            }
        } catch {
            preconditionFailure("the built-in customer methods do not load: \(error)")
        }
        self.methods = methods
        let batch = self.batch
        kind = LuaRecordKind(state: state, name: "customer", fields: fields, methods: methods) { index, field in
            try CustomerRecords.resolve(field, of: batch.customer(at: index, for: field))
        }
    }

    /// The customers currently loaded.
    var customers: [Customer] { batch.customers }

    /// Makes `customers` the current batch; earlier proxies stop working. Customers read
    /// without their lists come with `whole`, which the first read of a list calls.
    func load(_ customers: [Customer], whole: (() throws -> [Customer])? = nil) {
        batch.customers = customers
        batch.whole = whole
        kind.load(count: customers.count) { writer in
            for customer in customers {
                writer.nextRecord()
                write(customer, into: &writer)
            }
        }
    }

    /// Lays out the fields scripts have read so far (all of them for the first records a
    /// host sees); the others are left to the resolver, which also answers a first read.
    private func write(_ customer: Customer, into writer: inout LuaRecordWriter) {
        if writer.wants(slot.number) { writer.set(slot.number, customer.number) }
        if writer.wants(slot.firstName) { writer.set(slot.firstName, customer.firstName) }
        if writer.wants(slot.lastName) { writer.set(slot.lastName, customer.lastName) }
        if writer.wants(slot.company) { writer.set(slot.company, customer.company) }
        if writer.wants(slot.isCompany) { writer.set(slot.isCompany, customer.isCompany) }
        if writer.wants(slot.email) { writer.set(slot.email, customer.email) }
        if writer.wants(slot.billingEmail) { writer.set(slot.billingEmail, customer.billingEmail) }
        if writer.wants(slot.mobile) { writer.set(slot.mobile, customer.mobile) }
        if writer.wants(slot.street) { writer.set(slot.street, customer.street) }
        if writer.wants(slot.postalCode) { writer.set(slot.postalCode, customer.postalCode) }
        if writer.wants(slot.city) { writer.set(slot.city, customer.city) }
        if writer.wants(slot.country) { writer.set(slot.country, customer.country) }
        if writer.wants(slot.family) { writer.set(slot.family, customer.family) }
        if writer.wants(slot.type) { writer.set(slot.type, customer.type) }
        if writer.wants(slot.category) { writer.set(slot.category, customer.category) }
        if writer.wants(slot.points) { writer.set(slot.points, customer.points) }
        if writer.wants(slot.turnoverGroup) { writer.set(slot.turnoverGroup, customer.turnoverGroup) }
        if writer.wants(slot.newsletter) { writer.set(slot.newsletter, customer.newsletter) }
        // Formatting a consent time costs more than the rest of the record; few scripts read it.
        writer.setResolved(slot.newsletterAt)
        if writer.wants(slot.receivesStatusMails) { writer.set(slot.receivesStatusMails, customer.receivesStatusMails) }
        if writer.wants(slot.lastVisit) { writer.set(slot.lastVisit, customer.lastVisit?.description) }
        writer.setResolved(slot.contactEmails)
        writer.setResolved(slot.vehicles)
        writer.setResolved(slot.cards)
        writer.setResolved(slot.attrs)
    }


    /// A plain table with every field of `customer`, as a proxy would show them.
    static func table(for customer: Customer) throws -> LuaValue {
        var fields: [String: LuaValue] = [:]
        for field in LuaAPIReference.customerFields.map(\.name) { fields[field] = try resolve(field, of: customer) }
        return .table(LuaTable(fields: fields.filter { $0.value != .nil }))
    }

    private static func resolve(_ field: String, of customer: Customer) throws -> LuaValue {
        func text(_ value: String?) -> LuaValue { value.map(LuaValue.string) ?? .nil }
        switch field {
        case "newsletter_at":
            return text(customer.newsletterAt?.utcTimestamp)
        case "contact_emails":
            return .table(LuaTable(array: customer.contactEmails.map(LuaValue.string)))
        case "vehicles":
            return .table(LuaTable(array: customer.vehicles.map { vehicle in
                .table(LuaTable(fields: [
                    "type": text(vehicle.type), "brand": text(vehicle.brand),
                    "model": text(vehicle.model), "plate": text(vehicle.plate),
                ].filter { $0.value != .nil }))
            }))
        case "cards":
            return .table(LuaTable(array: customer.cards.map(cardTable)))
        case "attrs":
            return .table(LuaTable(fields: customer.attributes.mapValues(LuaValue.string)))
        case "number": return .string(customer.number)
        case "first_name": return text(customer.firstName)
        case "last_name": return text(customer.lastName)
        case "company": return text(customer.company)
        case "is_company": return .boolean(customer.isCompany)
        case "email": return text(customer.email)
        case "billing_email": return text(customer.billingEmail)
        case "mobile": return text(customer.mobile)
        case "street": return text(customer.street)
        case "postal_code": return text(customer.postalCode)
        case "city": return text(customer.city)
        case "country": return text(customer.country)
        case "family": return text(customer.family)
        case "type": return text(customer.type)
        case "category": return text(customer.category)
        case "points": return .integer(Int64(customer.points))
        case "turnover_group": return text(customer.turnoverGroup)
        case "newsletter": return .boolean(customer.newsletter)
        case "receives_status_mails": return .boolean(customer.receivesStatusMails)
        case "last_visit": return text(customer.lastVisit?.description)
        default:
            return .nil
        }
    }

    /// One entry of `c.cards`: dates as `YYYY-MM-DD`, amounts as text (`"4.90"`), and the
    /// attached programmes, an empty list when there are none.
    static func cardTable(_ card: CustomerCard) -> LuaValue {
        func text(_ value: String?) -> LuaValue { value.map(LuaValue.string) ?? .nil }
        let programmes = card.programmes.map { programme -> LuaValue in
            .table(LuaTable(fields: [
                "kind": .string(programme.kind.rawValue), "name": .string(programme.name), "details": text(programme.details),
                "article": text(programme.article), "percent": programme.percent.map { .integer(Int64($0)) } ?? .nil,
                "amount": text(programme.amount?.description),
            ].filter { $0.value != .nil }))
        }
        return .table(LuaTable(fields: [
            "number": .string(card.number), "template": text(card.template),
            "valid_until": text(card.validUntil?.description), "status": .string(card.status),
            "ordered_on": text(card.orderedOn?.description), "dispatch_on": text(card.dispatchOn?.description),
            "cost": text(card.cost?.description), "programmes": .table(LuaTable(array: programmes)),
        ].filter { $0.value != .nil }))
    }
}
