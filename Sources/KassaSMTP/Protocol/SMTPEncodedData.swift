/// A message ready for the DATA phase.
public struct SMTPEncodedData: Sendable, Hashable {
    /// CRLF lines, dot-stuffed, ending with CRLF `.` CRLF.
    public let bytes: [UInt8]
    /// Whether some octet is above 127, so that `MAIL FROM` needs `BODY=8BITMIME`.
    public let containsEightBitData: Bool

    /// The message size for the SIZE parameter: the bytes without the final `.` CRLF.
    public var messageSize: Int { bytes.count - 3 }
}
