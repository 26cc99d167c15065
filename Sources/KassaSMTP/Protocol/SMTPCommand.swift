/// The commands the client sends, as bytes on the wire.
enum SMTPCommand {
    case ehlo(String)
    case helo(String)
    case startTLS
    /// `AUTH PLAIN` with its initial response (RFC 4954 §4), saving a round trip.
    case authPlain(username: String, password: String)
    case authLogin
    /// A base64 answer to a 334 challenge.
    case authResponse(String)
    case mail(from: String, parameters: [String])
    case recipient(String)
    case data
    case reset
    case quit

    var line: String {
        switch self {
        case .ehlo(let name): "EHLO \(name)"
        case .helo(let name): "HELO \(name)"
        case .startTLS: "STARTTLS"
        case .authPlain(let username, let password):
            "AUTH PLAIN " + Base64.encode([0] + Array(username.utf8) + [0] + Array(password.utf8))
        case .authLogin: "AUTH LOGIN"
        case .authResponse(let text): Base64.encode(Array(text.utf8))
        case .mail(let from, let parameters): (["MAIL FROM:<\(from)>"] + parameters).joined(separator: " ")
        case .recipient(let address): "RCPT TO:<\(address)>"
        case .data: "DATA"
        case .reset: "RSET"
        case .quit: "QUIT"
        }
    }

    /// The command line with its CRLF.
    var bytes: [UInt8] {
        Array(line.utf8) + [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
    }

    /// Several commands in one write, for a PIPELINING group.
    static func bytes(_ commands: [SMTPCommand]) -> [UInt8] {
        commands.flatMap(\.bytes)
    }
}
