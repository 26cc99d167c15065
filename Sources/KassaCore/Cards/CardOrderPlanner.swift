import Foundation

/// Checks a card order against `[cards]` and turns it into a scheduled `CardOrder` (SPEC §8).
///
/// Pure: no store, no clock, no service. The checks, in order:
/// 1. An order service must be configured; without one only a request for information
///    can be made, so ordering is refused with `no_order_service`.
/// 2. The template: the one named (exact name), or the only one there is; with several and
///    none named, `template_required` lists them so the CLI can ask.
/// 3. The template's cost must be a whole number of cents, not negative.
/// 4. The validity date: required when `validity_required`; never before today; and not
///    before the dispatch date, since a card that expires before it is shipped is of no use.
/// A blank comment counts as none; a comment is otherwise kept as typed, trimmed.
public struct CardOrderPlanner: Sendable {
    /// The `[cards]` settings orders are checked against.
    public let settings: CardSettings
    /// When cards are dispatched, from the settings.
    public let schedule: DispatchSchedule

    /// A planner for `settings`.
    public init(settings: CardSettings) {
        self.settings = settings
        self.schedule = DispatchSchedule(settings)
    }

    /// The order `request` makes for `customer`, placed `today`.
    ///
    /// - Throws: `CardError` with code `no_order_service`, `no_templates`,
    ///   `template_required` or `unknown_template` (with `choices`), `invalid_cost`,
    ///   `validity_required`, `validity_in_past`, `validity_before_dispatch`, or
    ///   `no_working_day` from the schedule.
    public func order(_ request: CardOrderRequest, for customer: Customer, today: CalendarDate) throws(CardError) -> CardOrder {
        guard settings.provider != .none else {
            throw CardError(.noOrderService,
                            "No card order service is configured ([cards] provider = \"none\"), so a card for customer \(CardError.quoted(customer.number)) cannot be ordered; only a request for information can be made")
        }
        let template = try chooseTemplate(named: request.template)
        guard let cost = Money(exactly: template.cost), cost >= .zero else {
            throw CardError(.invalidCost,
                            "Card template \(CardError.quoted(template.name)) costs \(template.cost), which is not an amount of at least 0 with at most two decimals; fix it in [[cards.templates]]")
        }
        let dispatchDate = try schedule.dispatchDate(after: today)
        if let validUntil = request.validUntil {
            guard validUntil >= today else {
                throw CardError(.validityInPast,
                                "The validity date \(validUntil) is in the past (today is \(today)); give today or a later day")
            }
            guard validUntil >= dispatchDate else {
                throw CardError(.validityBeforeDispatch,
                                "The card would expire on \(validUntil), before it is dispatched on \(dispatchDate); give \(dispatchDate) or a later day")
            }
        } else if settings.validityRequired {
            throw CardError(.validityRequired,
                            "The order service requires a validity date ([cards] validity_required = true); give one with --valid-until YYYY-MM-DD")
        }
        let comment = request.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        return CardOrder(
            customerNumber: customer.number,
            template: template.name,
            cost: cost,
            validUntil: request.validUntil,
            orderDate: today,
            dispatchDate: dispatchDate,
            comment: comment?.isEmpty == false ? comment : nil,
            status: .ordered
        )
    }

    /// The refusal when `kassa.toml` names no template: no card and no price is invented.
    public static let noTemplatesMessage =
        "No card templates are configured, and no card is ordered at an invented price: add one to kassa.toml as [[cards.templates]] with name and cost (like name = \"BASIS\" and cost = 4.90)"

    private func chooseTemplate(named name: String?) throws(CardError) -> CardSettings.Template {
        let names = settings.templates.map(\.name)
        let listed = names.map(CardError.quoted).joined(separator: ", ")
        guard !settings.templates.isEmpty else {
            throw CardError(.noTemplates, Self.noTemplatesMessage)
        }
        guard let name else {
            guard settings.templates.count == 1 else {
                throw CardError(.templateRequired,
                                "There are \(names.count) card templates; choose one of \(listed) with --template",
                                choices: names)
            }
            return settings.templates[0]
        }
        guard let template = settings.templates.first(where: { $0.name == name }) else {
            throw CardError(.unknownTemplate,
                            "There is no card template \(CardError.quoted(name)); the templates are \(listed)",
                            choices: names)
        }
        return template
    }
}
