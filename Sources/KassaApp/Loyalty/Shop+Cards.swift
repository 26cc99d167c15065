import KassaCore

extension Shop {
    /// Orders a customer card for the customer numbered `customerNumber` from the order
    /// service of `[cards]`, and tells the plugins (`card.ordered`).
    ///
    /// - Parameter chooseTemplate: asked for the template when the request names none and
    ///   there are several (given the names and the templates, for their cost); `nil` lets
    ///   the `template_required` error through.
    public func orderCard(customerNumber: String, request: CardOrderRequest,
                          chooseTemplate: (([String], [CardSettings.Template]) throws -> String)? = nil) throws -> PlacedCardOrder {
        let service = try cardOrderService()
        var request = request
        let placed: PlacedCardOrder
        do {
            placed = try service.order(customerNumber: customerNumber, request: request)
        } catch let error as CardError where error.code == .templateRequired && chooseTemplate != nil {
            request.template = try chooseTemplate!(error.choices, service.templates)
            placed = try service.order(customerNumber: customerNumber, request: request)
        }
        emit([.cardOrdered(placed)])
        return placed
    }
}
