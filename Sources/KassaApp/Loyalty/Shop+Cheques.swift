import Foundation
import KassaCSV
import KassaCore

extension Shop {
    /// Pays out the cheques the selected customers' points are worth (003): previews them,
    /// asks `confirm` (money leaves the shop here: it throws to pay nothing), then records
    /// every cheque, takes the points and writes the voucher file into `directory` (by
    /// default `[outbox] dir`), and tells the plugins (`cheque.issued` per cheque).
    ///
    /// - Returns: what was paid, and the rule it was paid by (for the shop's words on who got
    ///   nothing and why).
    public func issueCheques(_ selection: CustomerSelection, file: VoucherFileName, directory: String? = nil,
                             confirm: (ChequePreview) throws -> Void) throws -> (issue: ChequeIssue, rule: ChequeRule) {
        let host = hostForFilter(of: selection)
        let service = try chequeService(filters: host?.registry)
        let issue = try withExtendedLifetime(host) {
            let preview = try service.preview(selection)
            if !preview.entries.isEmpty { try confirm(preview) }
            return try service.issue(selection, file: file, directory: directory ?? configuration.outbox.directory,
                                     on: CalendarDate.today(), encoder: CSVVoucherFileEncoder())
        }
        emit(issue.cheques.map(KassaEvent.chequeIssued), host: host)
        return (issue, service.rule)
    }
}
