/// A value cheque as it was paid out and recorded: everything the voucher file's row and a
/// later e-mail to the customer need, as it was on the day of issue.
///
/// The name and address are copies, not references: a customer who changes the e-mail
/// address later still has the cheque on record where it was sent, and the voucher file
/// can be written again from the records alone, byte for byte.
///
/// JSON: `number`, `customer_number`, `name`, `email`, `value` (`"15.00"`), `cheques`,
/// `points_used`, `leftover_points`, `issued_on` (`YYYY-MM-DD`), `file_name`, `batch_id`.
public struct IssuedCheque: Sendable, Hashable, Codable {
    /// The cheque's number, unique for ever.
    public var number: ChequeNumber
    /// The customer paid.
    public var customerNumber: String
    /// The name the e-mail greets (`VoucherFileLayout`'s `name` column).
    public var name: String
    /// The main e-mail address the cheque goes to, trimmed.
    public var email: String
    /// What the cheque is worth.
    public var value: Money
    /// How many standard cheques it sums.
    public var cheques: Int
    /// The points deducted from the customer.
    public var pointsUsed: Int
    /// The points the customer kept.
    public var leftoverPoints: Int
    /// The day of issue, also the date in the cheque number.
    public var issuedOn: CalendarDate
    /// The voucher file the cheque was written to, `KADO1125.CSV`.
    public var fileName: String
    /// The batch (run) the cheque belongs to.
    public var batchID: Int64

    /// A cheque from its parts, taken as given.
    public init(number: ChequeNumber, customerNumber: String, name: String, email: String, value: Money, cheques: Int,
                pointsUsed: Int, leftoverPoints: Int, issuedOn: CalendarDate, fileName: String, batchID: Int64) {
        self.number = number
        self.customerNumber = customerNumber
        self.name = name
        self.email = email
        self.value = value
        self.cheques = cheques
        self.pointsUsed = pointsUsed
        self.leftoverPoints = leftoverPoints
        self.issuedOn = issuedOn
        self.fileName = fileName
        self.batchID = batchID
    }

    private enum CodingKeys: String, CodingKey {
        case number
        case customerNumber = "customer_number"
        case name, email, value, cheques
        case pointsUsed = "points_used"
        case leftoverPoints = "leftover_points"
        case issuedOn = "issued_on"
        case fileName = "file_name"
        case batchID = "batch_id"
    }
}
