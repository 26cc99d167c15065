import Foundation
import KassaCore

extension FileCardOrderProvider {
    /// The columns of the CSV order file, in order. One row per order, the same fields as
    /// the JSON orders plus the batch id, so rows from several files can be merged.
    public static let csvHeader = [
        "batch_id", "customer_number", "template", "cost", "valid_until", "order_date",
        "dispatch_date", "comment", "status",
    ]

    /// `{"batch_id": …, "submitted_at": "…Z", "orders": [CardOrder, …]}`, keys sorted,
    /// indented, UTF-8.
    public static func json(_ orders: [CardOrder], batchID: String, submittedAt: Date) throws(CardError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(BatchFile(batchID: batchID, submittedAt: submittedAt.utcTimestamp, orders: orders))
            data.append(UInt8(ascii: "\n"))
            return data
        } catch {
            throw CardError(.writeFailed, "The card orders of batch \(CardError.quoted(batchID)) could not be turned into JSON: \(error)")
        }
    }

    /// RFC 4180: comma-separated, CRLF line ends, UTF-8 without a byte order mark, fields
    /// quoted when they hold a comma, a quote, a line break or spaces at either end, and no
    /// cell a spreadsheet would run as a formula (`SpreadsheetFormula`, as in customer
    /// exports: a comment `=HYPERLINK(…)` gets a leading `'`).
    static func csv(_ orders: [CardOrder], batchID: String) -> Data {
        var text = line(csvHeader)
        for order in orders {
            text += line([
                batchID, order.customerNumber, order.template, order.cost.description,
                order.validUntil?.description ?? "", order.orderDate.description,
                order.dispatchDate.description, order.comment ?? "", order.status.rawValue,
            ])
        }
        return Data(text.utf8)
    }

    private static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    private static func field(_ cell: String) -> String {
        let value = SpreadsheetFormula.neutralized(cell)
        let needsQuotes = value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The JSON file's top level.
    private struct BatchFile: Encodable {
        let batchID: String
        let submittedAt: String
        let orders: [CardOrder]

        enum CodingKeys: String, CodingKey {
            case batchID = "batch_id"
            case submittedAt = "submitted_at"
            case orders
        }
    }
}
