/// How an SMS text travels: in the GSM 7-bit alphabet, or in UCS-2 when it cannot.
///
/// The raw values are the names shown to users and written in `--json` output and by
/// `kassa.sms.analyze` in Lua.
public enum SMSEncoding: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The GSM 7-bit default alphabet: units are septets, extension characters take two.
    case gsm7 = "GSM-7"
    /// UCS-2 (in practice UTF-16): units are UTF-16 code units, characters outside the
    /// Basic Multilingual Plane (most emoji) take two.
    case ucs2 = "UCS-2"

    /// Units that a message sent as one single segment can hold: 160 septets or 70 code units.
    public var singleSegmentCapacity: Int {
        switch self {
        case .gsm7: 160
        case .ucs2: 70
        }
    }

    /// Units per part of a concatenated (multi-part) message: 153 septets or 67 code units.
    /// The user data header that numbers the parts takes the difference (6 octets).
    public var multipartSegmentCapacity: Int {
        switch self {
        case .gsm7: 153
        case .ucs2: 67
        }
    }

    /// What one unit is, in words for messages: "septets" or "UTF-16 code units".
    public var unitName: String {
        switch self {
        case .gsm7: "septets"
        case .ucs2: "UTF-16 code units"
        }
    }

    /// The raw value: "GSM-7" or "UCS-2".
    public var description: String { rawValue }
}
