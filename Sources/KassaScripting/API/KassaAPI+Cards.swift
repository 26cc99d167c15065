import KassaCore
import Lua

/// `kassa.cards.order { number = ..., template = ..., valid_until = ..., comment = ... }`:
/// ordering a customer card as a step of a reseller's menu or script (SPEC §8).
///
/// The order goes through the same checks, records and order service as
/// `kassa cards order`; the order comes back as a table with the keys of that command's
/// `--json`, and a refusal is raised as an error naming what to change. It needs the
/// permission `cards.order` (`KassaAPI+Permissions`) and fires `card.ordered`.
extension KassaAPI {
    func cardFunctions() -> [String: ([LuaValue]) throws -> [LuaValue]] {
        ["kassa.cards.order": cardsOrder]
    }

    private static let orderKeys: Set<String> = ["number", "template", "valid_until", "comment"]

    private func cardsOrder(_ arguments: [LuaValue]) throws -> [LuaValue] {
        let function = "kassa.cards.order"
        guard let table = arguments.first?.tableValue else {
            throw LuaRaise("\(function) expects a table { number = ..., template = ... }, not \(arguments.first?.typeName ?? "nothing")")
        }
        if let unknown = table.fields.keys.sorted().first(where: { !Self.orderKeys.contains($0) }) {
            throw LuaRaise("\(function): unknown field \"\(unknown)\" (known: \(Self.orderKeys.sorted().joined(separator: ", ")))")
        }
        guard let number = table["number"].stringValue ?? table["number"].integerValue.map(String.init) else {
            throw LuaRaise("\(function): number must be the customer number, not \(table["number"].typeName)")
        }
        func text(_ key: String) throws -> String? {
            switch table[key] {
            case .nil: return nil
            case .string(let value): return value
            case let other: throw LuaRaise("\(function): \(key) must be a string, not \(other.typeName)")
            }
        }
        var request = CardOrderRequest(template: try text("template"), comment: try text("comment"))
        if let validUntil = try text("valid_until") {
            guard let day = CalendarDate(validUntil) else {
                throw LuaRaise("\(function): valid_until \"\(validUntil)\" is not a day written YYYY-MM-DD")
            }
            request.validUntil = day
        }
        guard let service = try host.cardOrderService() else {
            throw LuaRaise("\(function): card ordering is not available here (no customer register is open)")
        }
        do {
            let placed = try service.order(customerNumber: number, request: request)
            // The order is recorded and handed over: now it is a fact for the other plugins.
            host.emit(.cardOrdered(placed))
            return [Self.table(placed)]
        } catch let error as CardError {
            throw LuaRaise("\(function): \(Self.message(error))")
        } catch let error as LuaRaise {
            throw error
        } catch {
            throw LuaRaise("\(function): \(error)")
        }
    }

    /// The refusal in a script's words: the command line's options become table fields.
    private static func message(_ error: CardError) -> String {
        switch error.code {
        case .templateRequired:
            let listed = error.choices.map { "\"\($0)\"" }.joined(separator: ", ")
            return "There are \(error.choices.count) card templates; choose one of \(listed) with template = \"...\"."
        case .validityRequired:
            return "The order service requires a validity date ([cards] validity_required = true); give one with valid_until = \"YYYY-MM-DD\"."
        default:
            return error.message
        }
    }

    /// The order as `kassa cards order --json` shows it, the receipt's parts at the top.
    static func table(_ placed: PlacedCardOrder) -> LuaValue {
        func text(_ value: String?) -> LuaValue { value.map(LuaValue.string) ?? .nil }
        let order = placed.order
        var fields: [String: LuaValue] = [
            "id": .integer(placed.id), "card_number": .string(placed.cardNumber),
            "customer_number": .string(order.customerNumber), "template": .string(order.template),
            "cost": .string(order.cost.description), "valid_until": text(order.validUntil?.description),
            "order_date": .string(order.orderDate.description), "dispatch_date": .string(order.dispatchDate.description),
            "comment": text(order.comment), "status": .string(order.status.rawValue),
        ]
        if let receipt = placed.receipt {
            fields["batch_id"] = .string(receipt.batchID)
            fields["submitted_at"] = .string(receipt.submittedAt.utcTimestamp)
            fields["locations"] = .table(LuaTable(array: receipt.locations.map(LuaValue.string)))
            fields["reference"] = text(receipt.reference)
        }
        return .table(LuaTable(fields: fields.filter { $0.value != .nil }))
    }
}
