/// A file attached to a message, sent base64-encoded as `Content-Disposition: attachment`.
public struct MailAttachment: Sendable, Hashable {
    /// The file name the recipient sees; any characters (non-ASCII names are sent per
    /// RFC 2231 with an ASCII fallback).
    public var filename: String
    /// The media type, `type/subtype`, e.g. `application/pdf`.
    public var contentType: String
    /// The file's bytes.
    public var data: [UInt8]

    /// An attachment; the content type defaults to `application/octet-stream`.
    public init(filename: String, contentType: String = "application/octet-stream", data: some Sequence<UInt8>) {
        self.filename = filename
        self.contentType = contentType
        self.data = Array(data)
    }
}
