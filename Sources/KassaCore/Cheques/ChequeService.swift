import Foundation

/// Value cheques from loyalty points, as the commands and scripts use them (SPEC §4):
/// preview who gets which cheque, pay out a selection with the voucher file, and list the
/// customers left for the post.
///
/// Only customers whose points are worth at least one standard cheque are ever chosen;
/// of those, the ones without a main e-mail address cannot be paid through the voucher
/// service and are left for the post, and those abroad (`ChequeRule.country`) get none. The selection's custom filter, if any, runs before
/// the pay-out's transaction (a filter may be slow, and the write lock is held briefly);
/// the transaction then reads every chosen customer again, so the points paid are the
/// points the customer has at that moment.
public struct ChequeService {
    /// The register customers are chosen from.
    public let customers: any CustomerStore
    /// Where pay-outs are recorded.
    public let loyalty: any LoyaltyStore
    /// What points are worth (`[cheques]`).
    public let rule: ChequeRule
    /// Runs a selection's custom filter; `nil` when no plugins are loaded.
    public let filters: (any CustomerFilterProvider)?

    /// A service over `customers` and `loyalty`.
    public init(customers: any CustomerStore, loyalty: any LoyaltyStore, rule: ChequeRule,
                filters: (any CustomerFilterProvider)? = nil) {
        self.customers = customers
        self.loyalty = loyalty
        self.rule = rule
        self.filters = filters
    }

    /// `selection`, narrowed to customers with at least `points_per_cheque` points.
    public func candidates(_ selection: CustomerSelection) -> CustomerSelection {
        var narrowed = selection
        let minimum = max(selection.points?.minimum ?? rule.pointsPerCheque, rule.pointsPerCheque)
        narrowed.points = PointsRange(minimum: minimum, maximum: selection.points?.maximum)
        return narrowed
    }

    /// Who would get which cheque if `selection` were paid out now.
    public func preview(_ selection: CustomerSelection) throws -> ChequePreview {
        var entries: [ChequePreview.Entry] = []
        var withoutEmail: [String] = []
        var abroad: [String] = []
        try customers.select(candidates(selection), filters: filters).forEach { batch in
            for customer in batch {
                if rule.isAbroad(customer), rule.cheque(customerNumber: customer.number, points: customer.points) != nil {
                    abroad.append(customer.number)
                }
                guard let award = rule.cheque(for: customer) else { continue }
                guard let email = VoucherFileLayout.trimmed(customer.email) else {
                    withoutEmail.append(customer.number)
                    continue
                }
                entries.append(ChequePreview.Entry(customerNumber: customer.number,
                                                   name: VoucherFileLayout.addressName(of: customer),
                                                   email: email, points: customer.points, award: award))
            }
        }
        var preview = ChequePreview(pointsPerCheque: rule.pointsPerCheque, chequeValue: rule.chequeValue, entries: entries,
                                    withoutEmail: withoutEmail)
        preview.currency = rule.currency
        preview.otherCountry = abroad
        return preview
    }

    /// Pays out `selection` on `date`: completes batches an interrupted run left pending,
    /// then pays every chosen customer with an e-mail address one cheque and writes the
    /// voucher file `file` in `directory` (see `LoyaltyStore.issueCheques`).
    ///
    /// - Throws: `ChequeError` (`pending_batch`, `file_exists`, `write_failed`,
    ///   `publish_failed`, `database`), `SelectionError`, `StoreError`.
    public func issue(_ selection: CustomerSelection, file: VoucherFileName, directory: String, on date: CalendarDate,
                      encoder: any VoucherFileEncoder,
                      observe: (ChequeIssueStep) throws -> Void = { _ in }) throws -> ChequeIssue {
        let completed = try loyalty.completePendingBatches(encoder: encoder)
        var payable: [String] = []
        var withoutEmail: [String] = []
        var abroad: [String] = []
        try customers.select(candidates(selection), filters: filters).forEach { batch in
            for customer in batch where rule.cheque(customerNumber: customer.number, points: customer.points) != nil {
                guard !rule.isAbroad(customer) else {
                    abroad.append(customer.number)
                    continue
                }
                if VoucherFileLayout.trimmed(customer.email) == nil {
                    withoutEmail.append(customer.number)
                } else {
                    payable.append(customer.number)
                }
            }
        }
        var issue = try loyalty.issueCheques(to: payable, rule: rule, on: date, file: file, directory: directory,
                                             encoder: encoder, observe: observe)
        issue.withoutEmail = withoutEmail
        issue.otherCountry = abroad
        issue.currency = rule.currency
        issue.completed = completed
        return issue
    }

    /// The customers of `selection` whose points are worth a cheque: after an e-mail run,
    /// those without an address and those left out, the list for the posted letters.
    public func remaining(_ selection: CustomerSelection, batchSize: Int = 1000) throws -> BatchCursor<RemainingCheque> {
        let batches = try customers.select(candidates(selection), batchSize: batchSize, filters: filters)
        let rule = self.rule
        return BatchCursor {
            try batches.next().map { $0.compactMap { RemainingCheque(customer: $0, rule: rule) } }
        }
    }
}
