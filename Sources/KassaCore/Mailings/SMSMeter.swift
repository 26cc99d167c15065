/// Counts what an SMS text costs. KassaCore has no SMS alphabet; the SMS plugin
/// (`KassaSMS`) provides the meter, and the mailing preview uses it for every message.
public protocol SMSMeter {
    /// The encoding, segments and characters of `text`.
    func measure(_ text: String) -> SMSMeasurement
}

/// What one SMS text costs, as the preview reports it.
public struct SMSMeasurement: Sendable, Hashable, Codable {
    /// "GSM-7" or "UCS-2".
    public var encoding: String
    /// How many SMS the text is sent as.
    public var segments: Int
    /// What the user sees as characters.
    public var characters: Int
    /// Whether the text has line breaks, which not every phone shows.
    public var hasLineBreaks: Bool
    /// `segments` times the price per segment, when one is configured.
    public var cost: Double?

    public init(encoding: String, segments: Int, characters: Int, hasLineBreaks: Bool, cost: Double?) {
        self.encoding = encoding
        self.segments = segments
        self.characters = characters
        self.hasLineBreaks = hasLineBreaks
        self.cost = cost
    }

    enum CodingKeys: String, CodingKey {
        case encoding, segments, characters
        case hasLineBreaks = "line_breaks"
        case cost
    }
}
