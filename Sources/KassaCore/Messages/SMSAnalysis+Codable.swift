/// The `--json` form of an analysis. The keys are a contract with scripts:
///
/// ```json
/// {"encoding": "GSM-7", "segments": 2, "characters": 170, "units": 172,
///  "per_segment": 153, "remaining": 134, "line_breaks": false, "non_gsm": [],
///  "cost": 0.9, "parts": ["…", "…"]}
/// ```
///
/// Every key is always present; `cost` is `null` when no price per segment is configured.
extension SMSAnalysis: Codable {
    enum CodingKeys: String, CodingKey {
        case encoding
        case segments
        case characters
        case units
        case unitsPerSegment = "per_segment"
        case remainingInLastSegment = "remaining"
        case hasLineBreaks = "line_breaks"
        case nonGSMCharacters = "non_gsm"
        case cost
        case parts
    }

    /// Encodes every key, `cost` as `null` when unknown (scripts can rely on the key).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(segments, forKey: .segments)
        try container.encode(characters, forKey: .characters)
        try container.encode(units, forKey: .units)
        try container.encode(unitsPerSegment, forKey: .unitsPerSegment)
        try container.encode(remainingInLastSegment, forKey: .remainingInLastSegment)
        try container.encode(hasLineBreaks, forKey: .hasLineBreaks)
        try container.encode(nonGSMCharacters, forKey: .nonGSMCharacters)
        try container.encode(cost, forKey: .cost)
        try container.encode(parts, forKey: .parts)
    }

    /// Decodes the `--json` form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            encoding: try container.decode(SMSEncoding.self, forKey: .encoding),
            segments: try container.decode(Int.self, forKey: .segments),
            characters: try container.decode(Int.self, forKey: .characters),
            units: try container.decode(Int.self, forKey: .units),
            unitsPerSegment: try container.decode(Int.self, forKey: .unitsPerSegment),
            remainingInLastSegment: try container.decode(Int.self, forKey: .remainingInLastSegment),
            parts: try container.decode([String].self, forKey: .parts),
            hasLineBreaks: try container.decode(Bool.self, forKey: .hasLineBreaks),
            nonGSMCharacters: try container.decode([String].self, forKey: .nonGSMCharacters),
            cost: try container.decodeIfPresent(Double.self, forKey: .cost)
        )
    }
}
