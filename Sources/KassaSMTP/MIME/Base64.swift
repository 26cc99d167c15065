/// Base64 (RFC 4648 §4) as SMTP AUTH and MIME need it.
///
/// Written here rather than borrowed from Foundation so that the line length and line ends
/// of MIME bodies are exactly what RFC 2045 §6.8 asks (76 characters, CRLF) on every platform.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` encoded on one line, with padding.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        encode(bytes, lineLength: nil, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `bytes` encoded in lines of `lineLength` characters (a multiple of 4) separated by
    /// CRLF, without a line end after the last line (in a multipart body the CRLF before the
    /// next boundary ends it); nothing for no bytes.
    static func encodeLines(_ bytes: some Collection<UInt8>, lineLength: Int = 76) -> [UInt8] {
        var output: [UInt8] = []
        let encodedCount = (bytes.count + 2) / 3 * 4
        output.reserveCapacity(encodedCount + (encodedCount / lineLength + 1) * 2)
        encode(bytes, lineLength: lineLength, into: &output)
        if output.last == UInt8(ascii: "\n") {
            output.removeLast(2)
        }
        return output
    }

    /// The number of characters `count` bytes encode to, with padding.
    static func encodedLength(of count: Int) -> Int {
        (count + 2) / 3 * 4
    }

    private static func encode(_ bytes: some Collection<UInt8>, lineLength: Int?, into output: inout [UInt8]) {
        let groupsPerLine = (lineLength ?? Int.max) / 4
        var groupsOnLine = 0
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(value >> 18 & 0x3F)])
            output.append(alphabet[Int(value >> 12 & 0x3F)])
            output.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(value >> 6 & 0x3F)])
            output.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(value & 0x3F)])
            groupsOnLine += 1
            if groupsOnLine == groupsPerLine {
                output.append(UInt8(ascii: "\r"))
                output.append(UInt8(ascii: "\n"))
                groupsOnLine = 0
            }
            if third == nil { break }
        }
    }
}
