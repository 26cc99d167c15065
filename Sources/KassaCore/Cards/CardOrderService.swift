/// Ordering customer cards, as `kassa cards order` and `kassa.cards.order` do it (SPEC §8):
/// check and schedule the order, record it with the customer's new card, hand it to the
/// order service, and mark it submitted.
///
/// The order is recorded before it goes to the service, so a card the service was asked
/// for always has a record. Should the service refuse it (providers take a whole batch or
/// none of it), the record and the card are removed again and the error is passed on.
/// Should the order go out and no answer come, the service may have it: the order and
/// card become `unknown`, never withdrawn, and `retry` sends the same batch again (same
/// `Idempotency-Key`). A crash between recording and submitting leaves the card
/// `ordered`, visible in `kassa cards list`, never a card ordered without a trace.
public struct CardOrderService: Sendable {
    /// The register the customers are read from.
    public let customers: any CustomerStore
    /// Where orders and cards are recorded.
    public let loyalty: any LoyaltyStore
    /// Checks and schedules orders against `[cards]`.
    public let planner: CardOrderPlanner
    private let provider: Result<any CardOrderProvider, CardError>?
    private let today: @Sendable () -> CalendarDate

    /// A service with the order service given.
    public init(customers: any CustomerStore, loyalty: any LoyaltyStore, settings: CardSettings,
                provider: any CardOrderProvider, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.init(customers: customers, loyalty: loyalty, settings: settings, provider: .success(provider), today: today)
    }

    /// A service whose order service is `provider`: `nil` for none (requests for information
    /// only), or why it cannot be used, which every order then reports; listing works either way.
    public init(customers: any CustomerStore, loyalty: any LoyaltyStore, settings: CardSettings,
                provider: Result<any CardOrderProvider, CardError>?,
                today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.customers = customers
        self.loyalty = loyalty
        self.planner = CardOrderPlanner(settings: settings)
        self.provider = provider
        self.today = today
    }

    /// The card templates that can be ordered, with their costs.
    public var templates: [CardSettings.Template] {
        planner.settings.templates
    }

    /// Orders a card for the customer `customerNumber` as `request` asks, and returns the
    /// order as recorded and submitted.
    ///
    /// - Throws: `CardError`: `unknown_customer`; the planner's refusals (`no_order_service`,
    ///   `template_required` with `choices`, `unknown_template`, `validity_required`,
    ///   `validity_in_past`, `validity_before_dispatch`, …); `provider_unavailable`;
    ///   `database`; `outcome_unknown` when the order went out and no answer came (it is
    ///   recorded `unknown`, see `retry`); or the order service's own error, after which
    ///   nothing is recorded.
    public func order(customerNumber: String, request: CardOrderRequest) throws -> PlacedCardOrder {
        guard let customer = try customers.customer(number: customerNumber) else {
            throw CardError(.unknownCustomer, "There is no customer with number \(CardError.quoted(customerNumber))")
        }
        let order = try planner.order(request, for: customer, today: today())
        guard let provider else {
            // The planner refuses first; this only guards a planner that would not.
            throw CardError(.noOrderService, "No card order service is configured; only a request for information can be made")
        }
        let service = try provider.get()
        let placed = try loyalty.recordCardOrder(order)
        return try hand(placed) { try service.submit([placed.order]) }
    }

    /// Sends an order whose outcome is `unknown` again, as the same batch (same
    /// `Idempotency-Key`), and returns it as recorded afterwards: `submitted` when the
    /// service took it or says it has it (409), still `unknown` when again no answer came.
    ///
    /// - Throws: `CardError`: `unknown_customer`, `unknown_card`, `not_retryable` (the
    ///   order is not `unknown`), `outcome_unknown` (no answer again; the order stays
    ///   `unknown`), `provider_unavailable`, `database`, or the service's refusal, after
    ///   which the order and card are removed.
    public func retry(customerNumber: String, cardNumber: String) throws -> PlacedCardOrder {
        let orders = try loyalty.cardOrders(customerNumber: customerNumber)
        guard let placed = orders.first(where: { $0.cardNumber == cardNumber }) else {
            _ = try cards(of: customerNumber)
            throw CardError(.unknownCard, "Customer \(CardError.quoted(customerNumber)) has no card order \(CardError.quoted(cardNumber))")
        }
        guard placed.order.status == .unknown, let sent = placed.receipt else {
            throw CardError(.notRetryable, "Card order \(placed.cardNumber) of customer \(CardError.quoted(customerNumber)) is \(placed.order.status.rawValue); only an order whose outcome is unknown is sent again")
        }
        guard let provider else {
            throw CardError(.noOrderService, "No card order service is configured; the order \(placed.cardNumber) cannot be sent again")
        }
        let service = try provider.get()
        // The same document as the first time: the order as it was when it went out.
        var order = placed.order
        order.status = .ordered
        return try hand(placed) { try service.resubmit([order], as: sent) }
    }

    /// Hands a recorded order to the service through `submit` and records what became of it.
    private func hand(_ placed: PlacedCardOrder, _ submit: () throws -> CardOrderReceipt) throws -> PlacedCardOrder {
        let receipt: CardOrderReceipt
        do {
            receipt = try submit()
        } catch let unanswered as CardOrderUnanswered {
            _ = try loyalty.markCardOrderUnknown(placed.id, sent: unanswered.sent)
            throw CardError(.outcomeUnknown,
                            "\(unanswered.reason.hasSuffix(".") ? String(unanswered.reason.dropLast()) : unanswered.reason); card order \(placed.cardNumber) of customer \(CardError.quoted(placed.order.customerNumber)) may have reached the service and is recorded as unknown: kassa cards retry \(placed.order.customerNumber) \(placed.cardNumber) asks again with the same Idempotency-Key \(CardError.quoted(unanswered.sent.batchID))")
        } catch {
            try loyalty.withdrawCardOrder(placed.id)
            throw error
        }
        return try loyalty.markCardOrderSubmitted(placed.id, receipt: receipt)
    }

    /// The cards of the customer `customerNumber`, with their order details and programmes.
    ///
    /// - Throws: `CardError` `unknown_customer`.
    public func cards(of customerNumber: String) throws -> [CustomerCard] {
        guard let customer = try customers.customer(number: customerNumber) else {
            throw CardError(.unknownCustomer, "There is no customer with number \(CardError.quoted(customerNumber))")
        }
        return customer.cards
    }
}
