/// `application/x-www-form-urlencoded`, the encoding of HTML forms and of query strings.
///
/// Letters, digits and `-._~` stay as they are, a space becomes `+`, every other byte of
/// the UTF-8 text becomes `%XX`.
public enum FormEncoding {
    /// `name=value` pairs joined with `&`, in the given order (an order that matters to no
    /// server but keeps requests reproducible).
    public static func encode(_ fields: KeyValuePairs<String, String>) -> String {
        encode(fields.map { ($0.key, $0.value) })
    }

    /// `name=value` pairs joined with `&`, in the given order.
    public static func encode(_ fields: [(String, String)]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(fields.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count * 3 + 2 })
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            append(field.0, to: &output)
            output.append(UInt8(ascii: "="))
            append(field.1, to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// One name or value, escaped.
    public static func escape(_ text: String) -> String {
        var output: [UInt8] = []
        append(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Bytes that need not be UTF-8 (a binary SMS header, say), escaped as a value.
    public static func escape(bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        for byte in bytes { appendEscaped(byte, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func append(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 { appendEscaped(byte, to: &output) }
    }

    @inline(__always)
    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            output.append(byte)
        case UInt8(ascii: " "):
            output.append(UInt8(ascii: "+"))
        default:
            output.append(UInt8(ascii: "%"))
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}
