/// One MIME entity: its header fields and its encoded body (a text part, an attachment, or a
/// multipart with its parts inside).
struct MIMEEntity {
    var headers: [MIMEHeaderField]
    var body: [UInt8]

    /// Headers, blank line, body.
    func bytes() throws(MIMEError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count + 256)
        for field in headers {
            try field.write(into: &output)
        }
        output.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        output.append(contentsOf: body)
        return output
    }
}
