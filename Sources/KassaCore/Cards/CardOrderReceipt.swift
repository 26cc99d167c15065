import Foundation

/// What an order service says about a batch it took: the batch id, when, how many orders,
/// and where they went.
///
/// JSON: `batch_id`, `submitted_at` (`YYYY-MM-DDTHH:MM:SSZ`), `order_count`, `locations`,
/// `reference` (left out when the service gave none).
public struct CardOrderReceipt: Sendable, Hashable, Codable {
    /// The batch's id, chosen by Kassa; part of the order files' names.
    public var batchID: String
    /// When the batch was handed over, to the second.
    public var submittedAt: Date
    /// How many orders the batch holds.
    public var orderCount: Int
    /// Where the batch went: the files written, or the service's address.
    public var locations: [String]
    /// The service's own reference for the batch, when it gives one.
    public var reference: String?

    /// A receipt from its parts.
    public init(batchID: String, submittedAt: Date, orderCount: Int, locations: [String], reference: String? = nil) {
        self.batchID = batchID
        self.submittedAt = submittedAt
        self.orderCount = orderCount
        self.locations = locations
        self.reference = reference
    }

    private enum CodingKeys: String, CodingKey {
        case batchID = "batch_id"
        case submittedAt = "submitted_at"
        case orderCount = "order_count"
        case locations
        case reference
    }

    /// Reads the JSON form; `submitted_at` as `YYYY-MM-DDTHH:MM:SSZ`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        batchID = try container.decode(String.self, forKey: .batchID)
        let text = try container.decode(String.self, forKey: .submittedAt)
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: .submittedAt, in: container,
                                                   debugDescription: "\"\(text)\" is not a time YYYY-MM-DDTHH:MM:SSZ")
        }
        submittedAt = date
        orderCount = try container.decode(Int.self, forKey: .orderCount)
        locations = try container.decode([String].self, forKey: .locations)
        reference = try container.decodeIfPresent(String.self, forKey: .reference)
    }

    /// Writes the JSON form; `submitted_at` as `YYYY-MM-DDTHH:MM:SSZ`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(batchID, forKey: .batchID)
        try container.encode(submittedAt.utcTimestamp, forKey: .submittedAt)
        try container.encode(orderCount, forKey: .orderCount)
        try container.encode(locations, forKey: .locations)
        try container.encodeIfPresent(reference, forKey: .reference)
    }
}
