/// Prepares a message for the DATA phase (RFC 5321 §4.1.1.4, §4.5.2, §4.5.3.1.6).
///
/// - Line ends become CRLF, whatever they were (LF, CR or CRLF), because SMTP knows no other.
/// - A line that starts with `.` gets a second `.` (dot-stuffing), so that no line of the
///   message can read as the end of the data; the server removes it again.
/// - The data ends with CRLF `.` CRLF; a message whose last line has no line end gets one.
/// - A line longer than 998 octets (without its line end, before dot-stuffing) is refused:
///   servers may cut or reject it, and the MIME layer must wrap or encode instead.
/// - NUL is refused: no SMTP server is required to carry it.
/// - An octet above 127 is refused unless `allowEightBit` (the server offers 8BITMIME and
///   `MAIL FROM` says `BODY=8BITMIME`); otherwise the MIME layer must have used
///   quoted-printable or base64.
public enum SMTPDataEncoder {
    /// The longest line SMTP carries, in octets without CRLF.
    public static let maximumLineLength = 998

    /// The message as sent after the 354 reply, ending with CRLF `.` CRLF.
    public static func encode(_ message: some Collection<UInt8>, allowEightBit: Bool) throws(SMTPError) -> SMTPEncodedData {
        var output: [UInt8] = []
        // Dot-stuffing and CRLF add a little; one growth step at most for ordinary mail.
        output.reserveCapacity(message.count + message.count / 32 + 5)
        let containsEightBit = try scan(message, allowEightBit: allowEightBit, into: &output)
        return SMTPEncodedData(bytes: output, containsEightBitData: containsEightBit)
    }

    /// Checks what `encode` checks, without building the output: throws for a line over 998
    /// octets, a NUL, or an octet above 127 unless `allowEightBit`. Returns whether the
    /// message has 8-bit octets (and so needs `BODY=8BITMIME`).
    @discardableResult
    public static func check(_ message: some Collection<UInt8>, allowEightBit: Bool) throws(SMTPError) -> Bool {
        var discarded: [UInt8]? = nil
        return try scan(message, allowEightBit: allowEightBit, into: &discarded)
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let dot = UInt8(ascii: ".")

    /// One pass over the message: checks every line and, when `output` is given, writes the
    /// encoded data into it.
    private static func scan(
        _ message: some Collection<UInt8>,
        allowEightBit: Bool,
        into output: inout some ByteSink
    ) throws(SMTPError) -> Bool {
        var atLineStart = true
        var lineLength = 0
        var lineNumber = 1
        var containsEightBit = false
        var afterCR = false

        for byte in message {
            if afterCR {
                afterCR = false
                // The LF of a CRLF: the line end is already written.
                if byte == lf { continue }
            }
            switch byte {
            case cr, lf:
                output.append(cr)
                output.append(lf)
                afterCR = byte == cr
                atLineStart = true
                lineLength = 0
                lineNumber += 1
            case 0:
                throw SMTPError(
                    .invalidMessageData,
                    "Line \(lineNumber) of the message contains a NUL byte, which SMTP cannot carry; encode binary content as base64."
                )
            default:
                if atLineStart, byte == dot {
                    output.append(dot)
                }
                atLineStart = false
                lineLength += 1
                if lineLength > maximumLineLength {
                    throw SMTPError(
                        .lineTooLong,
                        "Line \(lineNumber) of the message is longer than \(maximumLineLength) octets, the most SMTP carries (RFC 5321 §4.5.3.1.6); the MIME encoder must wrap it or encode it as quoted-printable or base64."
                    )
                }
                if byte >= 0x80 {
                    guard allowEightBit else {
                        throw SMTPError(
                            .eightBitNotSupported,
                            "Line \(lineNumber) of the message contains 8-bit data (byte 0x\(String(byte, radix: 16, uppercase: true))) and the server does not offer 8BITMIME; the MIME encoder must use quoted-printable or base64."
                        )
                    }
                    containsEightBit = true
                }
                output.append(byte)
            }
        }
        if !atLineStart {
            output.append(cr)
            output.append(lf)
        }
        output.append(dot)
        output.append(cr)
        output.append(lf)
        return containsEightBit
    }
}

/// Where `SMTPDataEncoder` writes: an array, or nothing when it only checks.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
}

extension Array: ByteSink where Element == UInt8 {}

extension Optional: ByteSink where Wrapped == [UInt8] {
    mutating func append(_ byte: UInt8) {
        self?.append(byte)
    }
}
