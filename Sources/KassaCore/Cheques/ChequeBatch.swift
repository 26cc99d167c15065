import Foundation

/// One run of `kassa cheques issue`: the voucher file it wrote and the cheques in it.
///
/// A batch is recorded `pending` in the same transaction that deducts the points and
/// records its cheques, and becomes `written` once its file has its final name. A batch
/// left `pending` (the run was interrupted after the commit) is completed by the next
/// issue, which writes the file again from the recorded cheques.
///
/// JSON: `id`, `file_name`, `directory`, `path`, `issued_on`, `issued_at`
/// (`YYYY-MM-DDTHH:MM:SSZ`), `status`, `cheque_count`, `total_value` (`"15.00"`),
/// `points_used`.
public struct ChequeBatch: Sendable, Hashable, Codable {
    /// Where a batch is in its life.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Paid out and recorded; the voucher file does not have its name yet.
        case pending
        /// The voucher file is in place.
        case written
    }

    /// The batch's number, from 1.
    public var id: Int64
    /// The voucher file's name, `KADO1125.CSV`.
    public var fileName: String
    /// The folder the file was written to.
    public var directory: String
    /// The day of issue.
    public var issuedOn: CalendarDate
    /// When the run committed, to the second.
    public var issuedAt: Date
    /// Where the batch is in its life.
    public var status: Status
    /// How many cheques (customers) the batch pays.
    public var chequeCount: Int
    /// What all its cheques are worth together.
    public var totalValue: Money
    /// The points deducted by the batch.
    public var pointsUsed: Int

    /// A batch from its parts, taken as given.
    public init(id: Int64, fileName: String, directory: String, issuedOn: CalendarDate, issuedAt: Date, status: Status,
                chequeCount: Int, totalValue: Money, pointsUsed: Int) {
        self.id = id
        self.fileName = fileName
        self.directory = directory
        self.issuedOn = issuedOn
        self.issuedAt = issuedAt
        self.status = status
        self.chequeCount = chequeCount
        self.totalValue = totalValue
        self.pointsUsed = pointsUsed
    }

    /// The voucher file's full path.
    public var path: String {
        StagedFile.join(directory, fileName)
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case fileName = "file_name"
        case directory, path
        case issuedOn = "issued_on"
        case issuedAt = "issued_at"
        case status
        case chequeCount = "cheque_count"
        case totalValue = "total_value"
        case pointsUsed = "points_used"
    }

    /// Reads the JSON form; `path` is derived, so it is not read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        fileName = try container.decode(String.self, forKey: .fileName)
        directory = try container.decode(String.self, forKey: .directory)
        issuedOn = try container.decode(CalendarDate.self, forKey: .issuedOn)
        let text = try container.decode(String.self, forKey: .issuedAt)
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: .issuedAt, in: container,
                                                   debugDescription: "\"\(text)\" is not a time YYYY-MM-DDTHH:MM:SSZ")
        }
        issuedAt = date
        status = try container.decode(Status.self, forKey: .status)
        chequeCount = try container.decode(Int.self, forKey: .chequeCount)
        totalValue = try container.decode(Money.self, forKey: .totalValue)
        pointsUsed = try container.decode(Int.self, forKey: .pointsUsed)
    }

    /// Writes the JSON form, with the full `path`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(fileName, forKey: .fileName)
        try container.encode(directory, forKey: .directory)
        try container.encode(path, forKey: .path)
        try container.encode(issuedOn, forKey: .issuedOn)
        try container.encode(issuedAt.utcTimestamp, forKey: .issuedAt)
        try container.encode(status, forKey: .status)
        try container.encode(chequeCount, forKey: .chequeCount)
        try container.encode(totalValue, forKey: .totalValue)
        try container.encode(pointsUsed, forKey: .pointsUsed)
    }
}
