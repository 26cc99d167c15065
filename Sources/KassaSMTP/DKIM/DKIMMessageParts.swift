/// A message split the way DKIM needs it: its header fields (each with its folded lines) and
/// its body.
struct DKIMMessageParts {
    /// One header field as it appears in the message: its name in lower case and its bytes,
    /// from the name to the end of its last line, without the final CRLF.
    struct Field {
        var lowercasedName: String
        var bytes: ArraySlice<UInt8>
    }

    var fields: [Field]
    var body: ArraySlice<UInt8>

    /// Splits `message` at the first empty line. Line ends are CRLF or LF.
    init(_ message: [UInt8]) {
        var fields: [Field] = []
        var index = message.startIndex
        var fieldStart: Int?
        var bodyStart = message.endIndex

        func closeField(at end: Int) {
            guard let start = fieldStart else { return }
            var stop = end
            while stop > start, message[stop - 1] == UInt8(ascii: "\n") || message[stop - 1] == UInt8(ascii: "\r") {
                stop -= 1
            }
            let bytes = message[start..<stop]
            let nameEnd = bytes.firstIndex(of: UInt8(ascii: ":")) ?? stop
            var name = message[start..<nameEnd]
            while let last = name.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                name = name.dropLast()
            }
            fields.append(Field(lowercasedName: String(decoding: name, as: UTF8.self).lowercased(), bytes: bytes))
            fieldStart = nil
        }

        while index < message.endIndex {
            let lineEnd = message[index...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? message.endIndex
            let first = message[index]
            if first == UInt8(ascii: "\r") || first == UInt8(ascii: "\n") {
                // The empty line: the body follows it.
                closeField(at: index)
                bodyStart = lineEnd
                break
            }
            if first != UInt8(ascii: " "), first != UInt8(ascii: "\t") {
                closeField(at: index)
                fieldStart = index
            }
            index = lineEnd
        }
        if index >= message.endIndex {
            closeField(at: message.endIndex)
        }
        self.fields = fields
        self.body = message[bodyStart...]
    }
}
