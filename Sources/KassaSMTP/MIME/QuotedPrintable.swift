/// Quoted-printable (RFC 2045 §6.7) for text bodies.
///
/// Every line end of the text becomes CRLF; octets outside printable ASCII, and `=`, become
/// `=XX`; a space or tab at the end of a line is encoded so no gateway can strip it; lines
/// longer than 76 characters are split with soft line breaks (`=` at the end). The output is
/// 7-bit and has no line over 76 characters, whatever the text.
enum QuotedPrintable {
    static let maximumLineLength = 76
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// `text` encoded, lines separated by CRLF, without a line end after the last line.
    static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var line: [UInt8] = []
        var afterCR = false
        var isFirstLine = true
        func flush() {
            if !isFirstLine {
                output.append(UInt8(ascii: "\r"))
                output.append(UInt8(ascii: "\n"))
            }
            encodeLine(line, into: &output)
            line.removeAll(keepingCapacity: true)
            isFirstLine = false
        }
        for byte in text.utf8 {
            if afterCR {
                afterCR = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                flush()
                afterCR = byte == UInt8(ascii: "\r")
            } else {
                line.append(byte)
            }
        }
        flush()
        return output
    }

    /// One line of the text (without its line end), with soft line breaks where needed.
    private static func encodeLine(_ line: [UInt8], into output: inout [UInt8]) {
        var length = 0
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let isWhitespace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            let literal = isWhitespace ? !isLast : (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
            let width = literal ? 1 : 3
            // Leave room for the "=" of a soft break, unless this is the line's last token
            // and fits exactly.
            if length + width > maximumLineLength - 1, !(isLast && length + width <= maximumLineLength) {
                output.append(UInt8(ascii: "="))
                output.append(UInt8(ascii: "\r"))
                output.append(UInt8(ascii: "\n"))
                length = 0
            }
            if literal {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "="))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
            length += width
        }
    }
}
